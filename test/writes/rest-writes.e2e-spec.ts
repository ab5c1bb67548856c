import { SandboxServer } from '../../src/sandbox/sandbox-server';
import { SyncRunnerService } from '../../src/sync/sync-runner.service';
import { startTestApp, TestApp } from '../support/test-app';

type Obj = Record<string, any>;

/**
 * The writes module behind REST (issue 11, items 12 and 14): the same services as the MCP write
 * tools, DTO validation with one sentence naming the field, and the write-outcome rule as HTTP
 * statuses (422 refused, 502 failed or accepted-but-unreadable).
 */
describe('REST writes', () => {
  let sandbox: SandboxServer;
  let t: TestApp;
  const call = async (method: string, path: string, body?: unknown): Promise<{ status: number; body: Obj }> => {
    const res = await fetch(`${t.url}${path}`, {
      method,
      headers: body === undefined ? {} : { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return { status: res.status, body: (await res.json()) as Obj };
  };

  beforeAll(async () => {
    sandbox = await SandboxServer.start({ size: 'tiny', seed: 47, rateLimitPerMinute: 0 });
    t = await startTestApp('pglite', { CLICKUP_API_TOKEN: sandbox.ownerToken, CLICKUP_API_BASE_URL: sandbox.baseUrl });
    expect((await t.app.get(SyncRunnerService).runNow('full', 'test')).run?.status).toBe('succeeded');
  });
  afterAll(async () => {
    await t?.close();
    await sandbox?.close();
  });

  it('POST /api/tasks creates, PUT /api/tasks/:id updates: the stored task comes back', async () => {
    const list = sandbox.store.dump().lists.find((l) => !l.archived)!;
    const created = await call('POST', '/api/tasks', { list: list.id, name: '  Written over REST  ', priority: 'high', estimate: '1h 30m' });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ name: 'Written over REST', message: expect.stringMatching(/^Created task /) });
    const inClickup = sandbox.store.dump().tasks.find((x) => x.id === created.body.id)!;
    expect(inClickup).toMatchObject({ name: 'Written over REST', priority: 2, timeEstimate: 90 * 60_000 });
    const updated = await call('PUT', `/api/tasks/${created.body.id}`, { name: 'Renamed over REST', priority: 'none' });
    expect(updated.status).toBe(200);
    expect(updated.body.message).toBe(`Updated name, priority of task ${created.body.custom_id ?? created.body.id} 'Renamed over REST'.`);
    expect(sandbox.store.dump().tasks.find((x) => x.id === created.body.id)).toMatchObject({ name: 'Renamed over REST', priority: null });
  });

  it('POST /api/time-entries and /api/timer/start|stop', async () => {
    const task = sandbox.store.dump().tasks.find((x) => !x.archived)!;
    const logged = await call('POST', '/api/time-entries', { task: task.id, duration: '45m', description: 'over REST' });
    expect(logged.status).toBe(201);
    expect(logged.body).toMatchObject({ task: { id: task.id }, durationMs: 45 * 60_000, running: false, description: 'over REST' });
    const started = await call('POST', '/api/timer/start', { task: task.id });
    expect(started.status).toBe(200);
    expect(started.body.entry).toMatchObject({ running: true, task: { id: task.id } });
    const stopped = await call('POST', '/api/timer/stop');
    expect(stopped.status).toBe(200);
    expect(stopped.body).toMatchObject({ id: started.body.entry.id, running: false });
  });

  it('bad input is one 400 sentence naming each field; unknown fields are refused', async () => {
    expect(await call('POST', '/api/tasks', {})).toMatchObject({
      status: 400,
      body: { message: 'list must be a non-empty text of at most 200 characters; name must be a non-empty text of at most 1000 characters.' },
    });
    expect(await call('POST', '/api/tasks', { list: 'x', name: 'y', priorty: 'high' })).toMatchObject({
      status: 400,
      body: { message: "'priorty' is not a parameter of this endpoint." },
    });
    expect(await call('POST', '/api/time-entries', { task: 'x', duration: -5 })).toMatchObject({
      status: 400,
      body: { message: 'duration must be minutes (a number up to 1440) or a text like "1h 30m".' },
    });
    expect((await call('POST', '/api/tasks', { list: 'x', name: 'y', due_date: 'tomorrow' })).body.message).toBe(
      'due_date must be a date YYYY-MM-DD.',
    );
  });

  it('ClickUp refusing a write is a 422 with its message; a 5xx on a create is a 502 that says it may have happened', async () => {
    const task = sandbox.store.dump().tasks.find((x) => !x.archived && !x.parentId)!;
    // Deleted in ClickUp after our sync: ClickUp refuses to log time on it.
    sandbox.store.mutations.deleteTask(task.id);
    const refused = await call('POST', '/api/time-entries', { task: task.id, duration: 10 });
    expect(refused.status).toBe(422);
    expect(refused.body).toMatchObject({
      outcome: 'refused',
      applied: 'no',
      message: expect.stringMatching(/^ClickUp refused to log 10m on task .*\. Nothing was changed\.$/),
    });

    const other = sandbox.store.dump().tasks.find((x) => !x.archived && x.id !== task.id)!;
    sandbox.setFaults({ errorRate5xx: 1, endpoints: ['POST /team/{id}/time_entries'] });
    try {
      const failed = await call('POST', '/api/time-entries', { task: other.id, duration: 10 });
      expect(failed.status).toBe(502);
      expect(failed.body).toMatchObject({
        outcome: 'failed',
        applied: 'maybe',
        message: expect.stringContaining('it may or may not have been applied. Check the time entries of task'),
      });
    } finally {
      sandbox.setFaults({});
    }
  });

  it('Swagger describes the DTOs: parameters, limits and bodies come from the same classes', async () => {
    const doc = (await call('GET', '/docs-json')).body;
    const runs = doc.paths['/sync/runs'].get.parameters as Obj[];
    expect(runs.find((p) => p.name === 'limit')).toMatchObject({ in: 'query', required: false, schema: { minimum: 1, maximum: 200 } });
    expect(doc.paths['/api/tasks'].post.requestBody.content['application/json'].schema.$ref).toBe('#/components/schemas/CreateTaskBody');
    expect(doc.components.schemas.CreateTaskBody.required).toEqual(['list', 'name']);
    expect(doc.paths['/api/hierarchy'].get.parameters.map((p: Obj) => p.name).sort()).toEqual(['include_archived', 'workspace']);
  });
});
