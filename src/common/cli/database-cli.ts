import type { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Logger } from 'nestjs-pino';
import { AppModule } from '../../app.module';
import { ConfigValidationError } from '../../config/app-config';
import { DataDirLockedError } from '../../database/data-dir-lock';
import { DomainError } from '../errors/domain-error';
import { BootLogger } from '../logging/boot-logger';

/** A command line the user can fix (unknown command, bad flag): printed as is, exit code 2. */
export class UsageError extends Error {}

/**
 * Runs a command that works on the database only (reports, the project registry): the app
 * without scheduling and with quiet logs, so stdout carries only what `work` returns and stderr
 * only errors. Exit codes: 0 done; 2 usage or a bad argument (one line); 3 the data is not
 * ready yet (the first full sync has not finished); 1 anything else.
 */
export function runDatabaseCli(name: string, work: (app: INestApplicationContext) => Promise<string>): void {
  const main = async (): Promise<number> => {
    const boot = new BootLogger();
    const app = await NestFactory.createApplicationContext(
      AppModule.forRoot({ role: 'cli', env: { SYNC_ENABLED: 'false', SANDBOX_PORT: '0', LOG_LEVEL: process.env.LOG_LEVEL ?? 'error' } }),
      { logger: boot, abortOnError: false },
    );
    app.useLogger(app.get(Logger));
    boot.replayInto(app.get(Logger));
    try {
      process.stdout.write(await work(app));
      return 0;
    } catch (e) {
      if (e instanceof UsageError) {
        process.stderr.write(`${e.message}\n`);
        return 2;
      }
      if (e instanceof DomainError) {
        process.stderr.write(`${name}: ${e.message}\n`);
        return e.kind === 'not_ready' ? 3 : 2;
      }
      throw e;
    } finally {
      await app.close();
    }
  };
  main()
    .then((code) => process.exit(code))
    .catch((e: unknown) => {
      const known = e instanceof ConfigValidationError || e instanceof DataDirLockedError;
      process.stderr.write(`${name} failed: ${known ? (e as Error).message : ((e as Error)?.stack ?? String(e))}\n`);
      process.exit(1);
    });
}
