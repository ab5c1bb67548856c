/*
 * `npm run projects -- import project_map.json` / `export [file]` / `list`: the project registry
 * from a terminal — migrate the original system's project_map.json, back up and restore aliases.
 */
import 'reflect-metadata';
import * as fs from 'node:fs';
import { NestFactory } from '@nestjs/core';
import { Logger } from 'nestjs-pino';
import { AppModule } from '../app.module';
import { DomainError } from '../common/errors/domain-error';
import { BootLogger } from '../common/logging/boot-logger';
import { Clock } from '../common/time/clock';
import { ConfigValidationError } from '../config/app-config';
import { DataDirLockedError } from '../database/data-dir-lock';
import { ImportReport, ProjectRegistryService } from '../mapping/project-registry.service';

export const USAGE = [
  'usage: npm run projects -- <command>',
  '',
  '  import <file>    add the aliases of an export or of an original project_map.json (never overwrites one)',
  '  export [file]    every alias as JSON, to the file or to stdout',
  '  list             the aliases and what each tracks',
].join('\n');

export class UsageError extends Error {}

/** What an import did, one line per entry that needs a look. */
export function importSummary(r: ImportReport): string {
  return [
    `Imported ${r.added.length} aliases from ${r.source === 'export' ? 'an export' : 'a project_map.json'}: ${r.unchanged.length} unchanged, ${r.conflicts.length} conflicts, ${r.unmatched.length} unmatched, ${r.unreadable.length} unreadable.`,
    ...r.added.map((a) => `+ ${a.alias} → ${a.type} ${a.name} (${a.id}, matched by ${a.matchedBy})`),
    ...r.conflicts.map((c) => `! ${c.alias}: ${c.reason}`),
    ...r.unmatched.map((u) => `? ${u.alias}: ${u.reason}`),
    ...r.unreadable.map((u) => `? ${u.entry}: ${u.reason}`),
  ].join('\n');
}

export type ProjectsCommand = { command: 'import'; file: string } | { command: 'export'; file?: string } | { command: 'list' };

/** Checked before the application boots, so a typo costs nothing. */
export function parseCommand(argv: string[]): ProjectsCommand {
  const [command, file, ...rest] = argv;
  const extra = command === 'list' ? file : rest[0];
  if (extra !== undefined && ['import', 'export', 'list'].includes(command)) throw new UsageError(`unexpected argument '${extra}'\n\n${USAGE}`);
  if (command === 'import') {
    if (!file) throw new UsageError(`import needs a file\n\n${USAGE}`);
    return { command, file };
  }
  if (command === 'export') return { command, file };
  if (command === 'list') return { command };
  throw new UsageError(`${command ? `unknown command '${command}'\n\n` : ''}${USAGE}`);
}

export async function runProjects(registry: ProjectRegistryService, clock: Clock, cmd: ProjectsCommand): Promise<string> {
  const ws = await registry.workspaceId();
  if (cmd.command === 'import') {
    let text: string;
    try {
      text = fs.readFileSync(cmd.file, 'utf8');
    } catch (e) {
      throw new UsageError(`cannot read ${cmd.file}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
    }
    return `${importSummary(await registry.import(ws, text))}\n`;
  }
  if (cmd.command === 'export') {
    const json = `${JSON.stringify(await registry.exportDoc(ws, new Date(clock.now())), null, 2)}\n`;
    if (!cmd.file) return json;
    fs.writeFileSync(cmd.file, json);
    return `Wrote ${cmd.file}.\n`;
  }
  const entries = await registry.list(ws);
  if (!entries.length) return 'No aliases yet.\n';
  return `${entries.map((e) => `${e.alias} → ${e.type} ${e.name} (${e.id})${e.location ? ` in ${e.location}` : ''}${e.state !== 'ok' ? ` [${e.state}]` : ''}`).join('\n')}\n`;
}

async function main(): Promise<number> {
  let cmd: ProjectsCommand;
  try {
    cmd = parseCommand(process.argv.slice(2));
  } catch (e) {
    process.stderr.write(`${(e as Error).message}\n`);
    return 2;
  }
  const boot = new BootLogger();
  const app = await NestFactory.createApplicationContext(
    // The registry lives in the database: no scheduling, quiet logs so stderr carries only errors.
    AppModule.forRoot({ role: 'cli', env: { SYNC_ENABLED: 'false', SANDBOX_PORT: '0', LOG_LEVEL: process.env.LOG_LEVEL ?? 'error' } }),
    { logger: boot, abortOnError: false },
  );
  app.useLogger(app.get(Logger));
  boot.replayInto(app.get(Logger));
  try {
    process.stdout.write(await runProjects(app.get(ProjectRegistryService), app.get(Clock), cmd));
    return 0;
  } catch (e) {
    if (e instanceof UsageError) {
      process.stderr.write(`${e.message}\n`);
      return 2;
    }
    if (e instanceof DomainError) {
      process.stderr.write(`projects: ${e.message}\n`);
      return e.kind === 'not_ready' ? 3 : 2;
    }
    throw e;
  } finally {
    await app.close();
  }
}

if (require.main === module) {
  main()
    .then((code) => process.exit(code))
    .catch((e: unknown) => {
      const known = e instanceof ConfigValidationError || e instanceof DataDirLockedError;
      process.stderr.write(`projects failed: ${known ? (e as Error).message : ((e as Error)?.stack ?? String(e))}\n`);
      process.exit(1);
    });
}
