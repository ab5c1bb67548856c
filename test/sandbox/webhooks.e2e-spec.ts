import { createHmac } from 'node:crypto';
import { SandboxServer } from '../../src/sandbox/sandbox-server';
import { SandboxStore } from '../../src/sandbox/sandbox-store';
import { SandboxClient, TEST_NOW } from './support/sandbox-client';
import { WebhookReceiver } from './support/webhook-receiver';

describe('sandbox: webhooks', () => {
  let server: SandboxServer;
  let api: SandboxClient;
  let store: SandboxStore;
  let receiver: WebhookReceiver;
  let hooks: string;
  let hook: { id: string; secret: string };

  const listNamed = (name: string) => [...store.state.lists.values()].find((l) => l.name === name)!;
  const sign = (secret: string, raw: string) => createHmac('sha256', secret).update(raw).digest('hex');

  beforeAll(async () => {
    server = await SandboxServer.start({ size: 'tiny', now: TEST_NOW, rateLimitPerMinute: 0, webhookRetryDelaysMs: [5, 5, 5, 5, 5] });
    api = SandboxClient.api(server);
    store = server.store;
    receiver = await WebhookReceiver.start();
    hooks = `/team/${store.workspaceId}/webhook`;
    const res = await api.post(hooks, { endpoint: receiver.url, events: ['*'] });
    hook = res.body.webhook;
  });
  afterAll(async () => {
    await server.close();
    await receiver.close();
  });
  beforeEach(() => receiver.clear());

  it("registers a webhook and lists only the caller's webhooks", async () => {
    const listed = await api.get(hooks);
    expect(listed.body.webhooks.map((w: any) => w.id)).toEqual([hook.id]);
    expect(listed.body.webhooks[0]).toMatchObject({ endpoint: receiver.url, events: ['*'], health: { status: 'active', fail_count: 0 } });
    const member = store.currentMembers().find((m) => m.role === 3 && m.status === 'active')!;
    const other = SandboxClient.api(server, server.tokenFor(member.id));
    expect((await other.get(hooks)).body.webhooks).toEqual([]);
    expect((await other.put(`/webhook/${hook.id}`, { events: ['taskCreated'] })).status).toBe(404);
    expect((await api.post(hooks, { endpoint: receiver.url, events: ['taskExploded'] })).status).toBe(400);
  });

  it('delivers signed events for a change made through the API', async () => {
    const task = store.mutations.createTask({ listId: listNamed('iOS Sprint').id, name: 'Hooked' });
    await server.webhooksIdle();
    receiver.clear();
    await api.put(`/task/${task.id}`, { status: 'in review' });
    await server.webhooksIdle();
    expect(receiver.events()).toEqual(['taskStatusUpdated', 'taskUpdated']);
    for (const d of receiver.deliveries) {
      expect(d.signature).toBe(sign(hook.secret, d.raw));
      expect(d.body).toMatchObject({ webhook_id: hook.id, task_id: task.id });
    }
    const item = receiver.deliveries[0].body.history_items[0];
    expect(item).toMatchObject({
      field: 'status',
      parent_id: task.listId,
      before: { status: 'backlog', type: 'open' },
      after: { status: 'in review', type: 'custom' },
      user: { id: store.ownerId },
    });
    expect(typeof item.date).toBe('string');
  });

  it('delivers events for changes made with the mutation API, creation and deletion included', async () => {
    const member = store.currentMembers().find((m) => m.role === 3 && m.status === 'active')!;
    const task = store.mutations.createTask({ listId: listNamed('iOS Sprint').id, name: 'Via mutations' });
    store.mutations.reassign(task.id, { add: [member.id] });
    store.mutations.addTimeEntry({ userId: member.id, taskId: task.id, start: TEST_NOW - 3_600_000, duration: 900_000 });
    store.mutations.moveTask(task.id, listNamed('iOS Bugs').id);
    store.mutations.deleteTask(task.id);
    await server.webhooksIdle();
    expect(receiver.events()).toEqual([
      'taskCreated',
      'taskStatusUpdated',
      'taskAssigneeUpdated',
      'taskUpdated',
      'taskTimeTrackedUpdated',
      'taskMoved',
      'taskDeleted',
    ]);
    const assignee = receiver.deliveries[2].body.history_items[0];
    expect(assignee).toMatchObject({ field: 'assignee_add', after: { id: member.id } });
    const tracked = receiver.deliveries[4].body.history_items[0];
    expect(tracked).toMatchObject({ field: 'time_spent', data: { total_time: '900000' }, after: { time: '900000' } });
    const deleted = receiver.deliveries[6].body;
    expect(deleted).toEqual({ event: 'taskDeleted', task_id: task.id, webhook_id: hook.id });
    for (const d of receiver.deliveries) expect(d.signature).toBe(sign(hook.secret, d.raw));
  });

  it('honours event lists and location filters', async () => {
    const list = listNamed('Android Sprint');
    const scoped = (await api.post(hooks, { endpoint: receiver.url, events: ['taskCreated'], list_id: list.id })).body.webhook;
    store.mutations.createTask({ listId: listNamed('iOS Bugs').id, name: 'Elsewhere' });
    store.mutations.createTask({ listId: list.id, name: 'Here' });
    await server.webhooksIdle();
    const mine = receiver.deliveries.filter((d) => d.body.webhook_id === scoped.id);
    expect(mine).toHaveLength(1);
    expect(mine[0].body.event).toBe('taskCreated');
    expect(store.task(mine[0].body.task_id)!.listId).toBe(list.id);
    await api.delete(`/webhook/${scoped.id}`);
  });

  it('retries failed deliveries, then counts a failure; a later success resets the health', async () => {
    const task = store.mutations.createTask({ listId: listNamed('iOS Bugs').id, name: 'Flaky receiver' });
    await server.webhooksIdle();
    receiver.clear();
    receiver.script = [500, 503];
    store.mutations.renameTask(task.id, 'Flaky receiver 2');
    await server.webhooksIdle();
    expect(receiver.events()).toEqual(['taskUpdated', 'taskUpdated', 'taskUpdated']);
    expect((await api.get(hooks)).body.webhooks[0].health).toEqual({ status: 'active', fail_count: 0 });

    receiver.clear();
    receiver.fallbackStatus = 500;
    store.mutations.renameTask(task.id, 'Flaky receiver 3');
    await server.webhooksIdle();
    expect(receiver.deliveries).toHaveLength(6);
    expect((await api.get(hooks)).body.webhooks[0].health).toEqual({ status: 'failing', fail_count: 1 });

    receiver.fallbackStatus = 200;
    store.mutations.renameTask(task.id, 'Flaky receiver 4');
    await server.webhooksIdle();
    expect((await api.get(hooks)).body.webhooks[0].health).toEqual({ status: 'active', fail_count: 0 });
    expect(server.stats().webhooks.droppedEvents).toBe(1);
  });

  it('suspends a webhook whose endpoint answers 410, until it is re-activated', async () => {
    const task = store.mutations.createTask({ listId: listNamed('iOS Bugs').id, name: 'Gone receiver' });
    await server.webhooksIdle();
    receiver.clear();
    receiver.script = [410];
    store.mutations.renameTask(task.id, 'Gone receiver 2');
    await server.webhooksIdle();
    expect(receiver.deliveries).toHaveLength(1);
    expect((await api.get(hooks)).body.webhooks[0].health.status).toBe('suspended');
    store.mutations.renameTask(task.id, 'Gone receiver 3');
    await server.webhooksIdle();
    expect(receiver.deliveries).toHaveLength(1);
    const revived = await api.put(`/webhook/${hook.id}`, { status: 'active' });
    expect(revived.body.webhook.health).toEqual({ status: 'active', fail_count: 0 });
  });
});
