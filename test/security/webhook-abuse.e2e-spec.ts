import { SandboxServer } from '../../src/sandbox/sandbox-server';
import { SyncRunnerService } from '../../src/sync/sync-runner.service';
import { WebhookProcessorService } from '../../src/sync/webhooks/webhook-processor.service';
import { signWebhookBody } from '../../src/sync/webhooks/webhook-signature';
import { startTestApp, TestApp } from '../support/test-app';
import { report, WEBHOOK_SECRET } from './security-support';

/**
 * Validly signed deliveries used against us: a replayed one (each spaceUpdated costs ~30 ClickUp
 * requests), a taskDeleted for a task that still exists (replayed, or signed with a leaked
 * secret), and a stream of hierarchy events meant to drain the request budget.
 */
describe('webhook abuse', () => {
  let sandbox: SandboxServer;
  let t: TestApp;
  const figures = { cases: 0, passed: 0 };
  const deliver = (payload: object) => {
    const body = JSON.stringify(payload);
    return fetch(`${t.url}/webhooks/clickup`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-signature': signWebhookBody(Buffer.from(body), WEBHOOK_SECRET) },
      body,
    });
  };
  const deletedAt = async (id: string) =>
    ((await t.ds.query(`SELECT deleted_at FROM tasks WHERE id = $1`, [id])) as { deleted_at: Date | null }[])[0]?.deleted_at;
  const check = async (fn: () => Promise<void>) => {
    figures.cases++;
    await fn();
    figures.passed++;
  };

  beforeAll(async () => {
    sandbox = await SandboxServer.start({ size: 'tiny', seed: 43, rateLimitPerMinute: 0 });
    t = await startTestApp('pglite', { CLICKUP_API_TOKEN: sandbox.ownerToken, CLICKUP_API_BASE_URL: sandbox.baseUrl, WEBHOOK_SECRET });
    expect((await t.app.get(SyncRunnerService).runNow('full', 'test')).run?.status).toBe('succeeded');
  });
  afterAll(async () => {
    report('webhook-abuse', figures);
    await t?.close();
    await sandbox?.close();
  });

  it('a signed taskDeleted for a task ClickUp still has deletes nothing; a real deletion still does', async () => {
    await check(async () => {
      const [alive, doomed] = sandbox.store.dump().tasks.filter((x) => !x.archived && !x.parentId);
      expect(await (await deliver({ event: 'taskDeleted', task_id: alive.id, webhook_id: 'w' })).json()).toEqual({ accepted: true });
      sandbox.store.mutations.deleteTask(doomed.id);
      expect(await (await deliver({ event: 'taskDeleted', task_id: doomed.id, webhook_id: 'w' })).json()).toEqual({ accepted: true });
      await t.app.get(WebhookProcessorService).flush();
      expect(await deletedAt(alive.id)).toBeNull();
      expect(await deletedAt(doomed.id)).not.toBeNull();
    });
  });

  it('a replayed delivery is acknowledged but not acted on, so it costs ClickUp nothing', async () => {
    await check(async () => {
      const task = sandbox.store.dump().tasks.find((x) => !x.archived)!;
      const payload = { event: 'taskUpdated', task_id: task.id, webhook_id: 'w', history_items: [{ id: 'replay-1', date: String(Date.now()) }] };
      expect(await (await deliver(payload)).json()).toEqual({ accepted: true });
      await t.app.get(WebhookProcessorService).flush();
      sandbox.resetStats();
      for (let i = 0; i < 20; i++) expect(await (await deliver(payload)).json()).toEqual({ accepted: false, reason: 'duplicate' });
      await t.app.get(WebhookProcessorService).flush();
      expect(sandbox.stats().requests).toBe(0);
    });
  });

  it('hierarchy events are coalesced: at most one hierarchy refresh per minute, however many arrive', async () => {
    await check(async () => {
      const processor = t.app.get(WebhookProcessorService);
      const space = sandbox.store.dump().spaces[0].id;
      sandbox.resetStats();
      for (let i = 0; i < 10; i++) {
        await deliver({ event: 'spaceUpdated', space_id: space, webhook_id: 'w', history_items: [{ id: `space-${i}`, date: String(Date.now()) }] });
        await processor.flush();
      }
      const spaceReads = sandbox.stats().byEndpoint['GET /team/{id}/space'] ?? 0;
      // One refresh reads active and archived spaces: two requests, not twenty.
      expect(spaceReads).toBeGreaterThan(0);
      expect(spaceReads).toBeLessThanOrEqual(2);
    });
  });
});
