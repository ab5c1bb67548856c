import { SandboxServer } from '../../src/sandbox/sandbox-server';
import { SyncRunnerService } from '../../src/sync/sync-runner.service';
import { WebhookProcessorService } from '../../src/sync/webhooks/webhook-processor.service';
import { signWebhookBody } from '../../src/sync/webhooks/webhook-signature';
import { diffDatabaseWithDump } from '../support/db-vs-dump';
import { startTestApp, TestApp } from '../support/test-app';
import { TEST_ENGINES } from '../support/test-database';

const DAY = 86_400_000;

/**
 * Webhooks alone keep the database equal to ClickUp between syncs: the app registers itself
 * with the sandbox over HTTP (POST /webhooks/register), the sandbox delivers signed events to
 * /webhooks/clickup over real HTTP, and the receiver refreshes exactly what changed — including
 * an edit to a time entry far older than the incremental trailing window, which no incremental
 * run would see. No sync runs after the initial full one.
 */
describe.each(TEST_ENGINES)('webhooks on %s', (kind) => {
  let sandbox: SandboxServer;
  let t: TestApp;
  let hookId: string;

  const post = (path: string, body: unknown, headers: Record<string, string> = {}) =>
    fetch(`${t.url}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: typeof body === 'string' ? body : JSON.stringify(body),
    });
  const sandboxHooks = async () => {
    const res = await fetch(`${sandbox.baseUrl}/team/${sandbox.store.workspaceId}/webhook`, { headers: { Authorization: sandbox.ownerToken } });
    return ((await res.json()) as { webhooks: { id: string; endpoint: string; secret: string }[] }).webhooks;
  };
  const runKinds = async () => ((await t.ds.query(`SELECT kind FROM sync_runs ORDER BY id`)) as { kind: string }[]).map((r) => r.kind);
  const liveTask = async (id: string) => {
    const [r] = await t.ds.query(`SELECT status, deleted_at FROM tasks WHERE id = $1`, [id]);
    return r;
  };

  beforeAll(async () => {
    sandbox = await SandboxServer.start({ size: 'tiny', seed: 19, rateLimitPerMinute: 0, webhookRetryDelaysMs: [50, 100, 200] });
    // WEBHOOK_SECRET is unset (BASE_TEST_ENV): only the secret ClickUp returns at registration counts.
    t = await startTestApp(kind, { CLICKUP_API_TOKEN: sandbox.ownerToken, CLICKUP_API_BASE_URL: sandbox.baseUrl });
    const full = await t.app.get(SyncRunnerService).runNow('full', 'test');
    expect(full.run?.status).toBe('succeeded');
  });
  afterAll(async () => {
    await t?.close();
    await sandbox?.close();
  });

  it('refuses every delivery while no secret is configured or registered', async () => {
    const victim = sandbox.store.dump().tasks[0].id;
    const body = JSON.stringify({ event: 'taskDeleted', task_id: victim, webhook_id: 'x' });
    const res = await post('/webhooks/clickup', body, { 'x-signature': signWebhookBody(Buffer.from(body), 'guess') });
    expect(res.status).toBe(401);
    expect((await liveTask(victim)).deleted_at).toBeNull();
  });

  it('registers itself with ClickUp over HTTP; the secret stays server-side', async () => {
    const endpoint = `${t.url}/webhooks/clickup`;
    const res = await post('/webhooks/register', { endpoint });
    expect(res.status).toBe(201);
    const body = (await res.json()) as Record<string, unknown>;
    expect(body).toMatchObject({
      id: expect.any(String),
      endpoint,
      events: expect.arrayContaining(['taskCreated', 'taskDeleted', 'taskTimeTrackedUpdated']),
    });
    expect(JSON.stringify(body)).not.toMatch(/secret/i);
    hookId = body.id as string;
    const hooks = await sandboxHooks();
    expect(hooks.map((h) => [h.id, h.endpoint])).toEqual([[hookId, endpoint]]);
  });

  it('unsigned and wrongly signed deliveries get 401 and change nothing', async () => {
    const [hook] = await sandboxHooks();
    const victim = sandbox.store.dump().tasks[1].id;
    const runsBefore = await runKinds();
    const body = JSON.stringify({ event: 'taskDeleted', task_id: victim, webhook_id: hookId });
    expect((await post('/webhooks/clickup', body)).status).toBe(401);
    expect((await post('/webhooks/clickup', body, { 'x-signature': signWebhookBody(Buffer.from(body), `${hook.secret}x`) })).status).toBe(401);
    expect((await post('/webhooks/clickup', body, { 'x-signature': 'not-hex' })).status).toBe(401);
    // Signed for other bytes (a re-serialised body with extra whitespace): refused too.
    const resent = JSON.stringify(JSON.parse(body), null, 1);
    expect((await post('/webhooks/clickup', resent, { 'x-signature': signWebhookBody(Buffer.from(body), hook.secret) })).status).toBe(401);
    await t.app.get(WebhookProcessorService).flush();
    expect((await liveTask(victim)).deleted_at).toBeNull();
    expect(await runKinds()).toEqual(runsBefore);
    expect(await diffDatabaseWithDump(t.ds, sandbox.store.dump())).toEqual([]);
  });

  it('status change, task delete, an edit to a time entry older than 30 days, a new task ⇒ the database follows, with no sync run', async () => {
    const d = sandbox.store.dump();
    const m = sandbox.store.mutations;
    const now = Date.now();
    const archivedLists = new Set(d.lists.filter((l) => l.archived).map((l) => l.id));
    const visible = d.tasks.filter((x) => !x.archived && !archivedLists.has(x.listId) && !d.spaces.find((s) => s.id === x.spaceId)!.archived);
    const withEntries = new Set(d.timeEntries.map((e) => e.taskId));
    // A parent with time entries: deleting it removes its subtasks and their entries too.
    const doomed = visible.find((x) => x.parentId === null && withEntries.has(x.id) && d.tasks.some((c) => c.parentId === x.id))!;
    const doomedIds = new Set([doomed.id, ...d.tasks.filter((x) => x.topLevelParentId === doomed.id).map((x) => x.id)]);
    const changed = visible.find((x) => !doomedIds.has(x.id) && x.statusType !== 'closed')!;
    const space = d.spaces.find((s) => s.id === changed.spaceId)!;
    const newStatus = space.statuses.find((s) => s.status !== changed.status && s.type !== 'closed')!.status;
    const old = d.timeEntries.find((e) => !e.running && e.taskId && !doomedIds.has(e.taskId) && e.start < now - 40 * DAY)!;
    expect([doomed, changed, old]).not.toContain(undefined);
    expect(d.timeEntries.filter((e) => e.taskId && doomedIds.has(e.taskId)).length).toBeGreaterThan(0);

    sandbox.resetStats();
    const runsBefore = await runKinds();
    m.changeStatus(changed.id, newStatus);
    m.deleteTask(doomed.id);
    m.editTimeEntry(old.id, { description: 'corrected months later', billable: !old.billable, duration: old.duration + 900_000 });
    const created = m.createTask({ listId: changed.listId, name: 'Created after the sync' });

    await sandbox.webhooksIdle();
    await t.app.get(WebhookProcessorService).flush();
    const stats = sandbox.stats();
    expect(stats.webhooks.failedAttempts).toBe(0);
    expect(stats.webhooks.delivered).toBeGreaterThanOrEqual(6);

    // No sync of any kind ran: only targeted webhook refreshes, and no listing was read.
    const runsAfter = await runKinds();
    expect(runsAfter.slice(0, runsBefore.length)).toEqual(runsBefore);
    expect(new Set(runsAfter.slice(runsBefore.length))).toEqual(new Set(['webhook']));
    expect(stats.byEndpoint['GET /team/{id}/task'] ?? 0).toBe(0);
    expect(stats.byEndpoint['GET /list/{id}/task'] ?? 0).toBe(0);

    expect((await liveTask(changed.id)).status).toBe(newStatus);
    expect((await liveTask(doomed.id)).deleted_at).not.toBeNull();
    expect((await liveTask(created.id))?.deleted_at).toBeNull();
    const [entry] = await t.ds.query(`SELECT description, billable, duration_ms FROM time_entries WHERE id = $1`, [old.id]);
    expect(entry).toEqual({ description: 'corrected months later', billable: !old.billable, duration_ms: String(old.duration + 900_000) });
    expect(await diffDatabaseWithDump(t.ds, sandbox.store.dump())).toEqual([]);
  });

  it('DELETE /webhooks/register removes it at ClickUp; deliveries signed with its secret are refused afterwards', async () => {
    const [hook] = await sandboxHooks();
    const res = await fetch(`${t.url}/webhooks/register`, { method: 'DELETE' });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ deleted: hookId });
    expect(await sandboxHooks()).toEqual([]);
    sandbox.resetStats();
    sandbox.store.mutations.renameTask(sandbox.store.dump().tasks[2].id, 'Nobody is told');
    await sandbox.webhooksIdle();
    expect(sandbox.stats().webhooks.delivered).toBe(0);
    const body = JSON.stringify({ event: 'taskUpdated', task_id: sandbox.store.dump().tasks[2].id, webhook_id: hookId });
    expect((await post('/webhooks/clickup', body, { 'x-signature': signWebhookBody(Buffer.from(body), hook.secret) })).status).toBe(401);
    expect((await fetch(`${t.url}/webhooks/register`, { method: 'DELETE' })).status).toBe(404);
  });
});

/** With WEBHOOK_SECRET configured, a delivery signed with it is accepted and acted on. */
describe(`webhooks with WEBHOOK_SECRET on ${TEST_ENGINES[0]}`, () => {
  const SECRET = 'configured-webhook-secret-0123456789';
  let sandbox: SandboxServer;
  let t: TestApp;

  beforeAll(async () => {
    sandbox = await SandboxServer.start({ size: 'tiny', seed: 21, rateLimitPerMinute: 0 });
    t = await startTestApp(TEST_ENGINES[0], { CLICKUP_API_TOKEN: sandbox.ownerToken, CLICKUP_API_BASE_URL: sandbox.baseUrl, WEBHOOK_SECRET: SECRET });
    expect((await t.app.get(SyncRunnerService).runNow('full', 'test')).run?.status).toBe('succeeded');
  });
  afterAll(async () => {
    await t?.close();
    await sandbox?.close();
  });

  it('accepts a delivery signed with WEBHOOK_SECRET and refreshes the task; refuses other signatures', async () => {
    const task = sandbox.store.dump().tasks.find((x) => !x.archived)!;
    sandbox.store.mutations.renameTask(task.id, 'Renamed, announced by a signed delivery');
    const body = JSON.stringify({ event: 'taskUpdated', task_id: task.id, webhook_id: 'configured', history_items: [] });
    const send = (sig: string) =>
      fetch(`${t.url}/webhooks/clickup`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-signature': sig }, body });
    expect((await send(signWebhookBody(Buffer.from(body), 'some-other-secret'))).status).toBe(401);
    const res = await send(signWebhookBody(Buffer.from(body), SECRET));
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ accepted: true });
    await t.app.get(WebhookProcessorService).flush();
    const [row] = await t.ds.query(`SELECT name FROM tasks WHERE id = $1`, [task.id]);
    expect(row.name).toBe('Renamed, announced by a signed delivery');
    // An event the server does not act on is acknowledged (ClickUp must not retry it) but ignored.
    const other = JSON.stringify({ event: 'goalCreated', webhook_id: 'configured' });
    const ignored = await fetch(`${t.url}/webhooks/clickup`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-signature': signWebhookBody(Buffer.from(other), SECRET) },
      body: other,
    });
    expect(await ignored.json()).toEqual({ accepted: false });
  });
});
