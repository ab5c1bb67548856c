import { SandboxServer } from '../../src/sandbox/sandbox-server';
import { SyncRunnerService } from '../../src/sync/sync-runner.service';
import { diffDatabaseWithDump } from '../support/db-vs-dump';
import { startTestApp, TestApp } from '../support/test-app';
import { TEST_ENGINES } from '../support/test-database';

/**
 * A full sync that needs MORE requests than ClickUp allows in a minute must pace itself and
 * never see a 429: the sandbox enforces a fixed 60 s window per token, like ClickUp.
 *
 * Numbers: the limit is 30/min and the sync is configured with the same 30/min and no
 * interactive reserve, so it may use the whole window — the tightest setting, where an
 * off-by-one in the pacing shows up as a 429. The tiny workspace costs 66 requests with the
 * default 730-day horizon (26 time-entry windows), which would take three rate windows
 * (~2.5 min); the horizon is cut to the workspace's 120 days (5 time-entry windows), giving ~45
 * requests: 30 in the first minute, the rest once it resets, ~61 s in all. The engines run side
 * by side (one sandbox each, so they do not share a token), keeping the suite near one minute.
 */
const LIMIT = 30;

describe('full sync within the rate limit', () => {
  const setups: { kind: string; sandbox: SandboxServer; t: TestApp }[] = [];

  beforeAll(async () => {
    for (const kind of TEST_ENGINES) {
      const sandbox = await SandboxServer.start({ size: 'tiny', seed: 13, rateLimitPerMinute: LIMIT });
      const t = await startTestApp(kind, {
        CLICKUP_API_TOKEN: sandbox.ownerToken,
        CLICKUP_API_BASE_URL: sandbox.baseUrl,
        CLICKUP_RATE_LIMIT_PER_MINUTE: String(LIMIT),
        CLICKUP_INTERACTIVE_RESERVE: '0',
        SYNC_TIME_ENTRIES_HISTORY_DAYS: '120',
        CLICKUP_TIMEOUT_MS: '10000',
      });
      setups.push({ kind, sandbox, t });
    }
  });
  afterAll(async () => {
    for (const s of setups) {
      await s.t.close();
      await s.sandbox.close();
    }
  });

  it(`${TEST_ENGINES.join(' + ')}: more than ${LIMIT} requests at ${LIMIT}/min, zero 429s, database equal to ClickUp`, async () => {
    const results = await Promise.all(
      setups.map(async ({ kind, sandbox, t }) => {
        const started = Date.now();
        const r = await t.app.get(SyncRunnerService).runNow('full', 'test');
        return { kind, sandbox, t, run: r.run!, elapsedMs: Date.now() - started };
      }),
    );
    for (const { kind, sandbox, t, run, elapsedMs } of results) {
      const stats = sandbox.stats();
      expect({ kind, status: run.status, error: run.error }).toEqual({ kind, status: 'succeeded', error: null });
      // The test means something only if the sync needed more than one window's worth.
      expect(stats.requests).toBeGreaterThan(LIMIT);
      expect(run.requests).toBeGreaterThan(LIMIT);
      // …which at LIMIT/min cannot be done in under a minute without a 429.
      expect(elapsedMs).toBeGreaterThan(55_000);
      expect({ kind, sandbox429: stats.rateLimited, run429: run.rateLimited, by429: stats.byStatus['429'] ?? 0 }).toEqual({
        kind,
        sandbox429: 0,
        run429: 0,
        by429: 0,
      });
      expect(await diffDatabaseWithDump(t.ds, sandbox.store.dump())).toEqual([]);
    }
  }, 150_000);
});
