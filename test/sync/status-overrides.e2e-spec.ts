import { INestApplication } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { createHttpApp } from '../../src/bootstrap';
import { DEFAULT_STATUS_OVERRIDES, statusCategory } from '../../src/common/status-category';
import { SandboxServer } from '../../src/sandbox/sandbox-server';
import { SyncRunnerService } from '../../src/sync/sync-runner.service';
import { BASE_TEST_ENV } from '../support/test-app';
import { createTestDatabase, TEST_ENGINES } from '../support/test-database';

/** Changing STATUS_CATEGORY_OVERRIDES re-categorises every stored task at the next boot. */
describe.each(TEST_ENGINES)('status category overrides on %s', (kind) => {
  it('are applied to already-synced tasks when they change', async () => {
    const sandbox = await SandboxServer.start({ size: 'tiny', seed: 47, rateLimitPerMinute: 0 });
    const db = await createTestDatabase(kind);
    const boot = async (overrides?: string): Promise<INestApplication> =>
      createHttpApp({
        env: {
          ...BASE_TEST_ENV,
          ...db.env,
          CLICKUP_API_TOKEN: sandbox.ownerToken,
          CLICKUP_API_BASE_URL: sandbox.baseUrl,
          STATUS_CATEGORY_OVERRIDES: overrides,
        },
        ignoreEnvFile: true,
        pglite: db.pglite,
      }).then(async (a) => (await a.init(), a));
    try {
      let app = await boot();
      expect((await app.get(SyncRunnerService).runNow('full', 'test')).run?.status).toBe('succeeded');
      await app.close();
      const dump = sandbox.store.dump();
      const someStatus = dump.tasks.find((t) => t.statusType === 'custom')!.status;
      const overrides: Record<string, 'not_started'> = { [someStatus.toUpperCase()]: 'not_started' };
      app = await boot(JSON.stringify(overrides));
      const rows: { id: string; status_category: string }[] = await app
        .get(DataSource)
        .query(`SELECT id, status_category FROM tasks WHERE deleted_at IS NULL`);
      const byId = new Map(rows.map((r) => [r.id, r.status_category]));
      let affected = 0;
      for (const t of dump.tasks) {
        const expected = statusCategory(t.status, t.statusType, { ...DEFAULT_STATUS_OVERRIDES, ...overrides });
        expect({ id: t.id, category: byId.get(t.id) }).toEqual({ id: t.id, category: expected });
        if (t.status === someStatus) affected++;
      }
      expect(affected).toBeGreaterThan(0);
      await app.close();
    } finally {
      await db.drop();
      await sandbox.close();
    }
  });
});
