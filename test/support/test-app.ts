import { INestApplication } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { createHttpApp } from '../../src/bootstrap';
import { Clock } from '../../src/common/time/clock';
import { createTestDatabase, EngineKind, TestDatabase } from './test-database';

export interface TestApp {
  app: INestApplication;
  db: TestDatabase;
  ds: DataSource;
  url: string;
  close(): Promise<void>;
}

/** Environment every test app starts from: nothing inherited from the developer's shell or .env. */
export const BASE_TEST_ENV: Record<string, string | undefined> = {
  HOST: '127.0.0.1',
  PORT: '0',
  LOG_LEVEL: 'silent',
  DATABASE_URL: undefined,
  CLICKUP_API_TOKEN: undefined,
  CLICKUP_API_BASE_URL: undefined,
  CLICKUP_WORKSPACE_ID: undefined,
  CLICKUP_READ_ONLY: undefined,
  CLICKUP_RATE_LIMIT_PER_MINUTE: '100000',
  CLICKUP_TIMEOUT_MS: '5000',
  SYNC_ENABLED: 'false',
  REPORT_TIME_ZONE: 'UTC',
  SYNC_TIME_ZONE: 'UTC',
  SANDBOX_PORT: '0',
  SANDBOX_SIZE: 'tiny',
  MCP_AUTH_TOKEN: undefined,
  MCP_TOKENS: undefined,
  MCP_READ_ONLY: undefined,
  WEBHOOK_SECRET: undefined,
};

/**
 * Boots the real HTTP application on a fresh test database (PGlite from the migrated template,
 * or a new PostgreSQL database), listening on a random loopback port. `clock` pins "now" for reports.
 */
export async function startTestApp(kind: EngineKind, env: Record<string, string | undefined> = {}, opts: { clock?: Clock } = {}): Promise<TestApp> {
  const db = await createTestDatabase(kind);
  const app = await createHttpApp({ env: { ...BASE_TEST_ENV, ...db.env, ...env }, ignoreEnvFile: true, pglite: db.pglite, clock: opts.clock });
  await app.listen(0, '127.0.0.1');
  const address = app.getHttpServer().address() as { port: number };
  const url = `http://127.0.0.1:${address.port}`;
  return {
    app,
    db,
    ds: app.get(DataSource),
    url,
    close: async () => {
      await app.close();
      await db.drop();
    },
  };
}
