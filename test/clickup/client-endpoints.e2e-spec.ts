import { Logger } from '@nestjs/common';
import { ClickupClient } from '../../src/clickup/clickup.client';
import { rawFolder, rawList, rawSpace, rawTask, rawTeam, rawTimeEntry, rawUser, rawWebhook } from '../../src/clickup/testing/clickup-fixtures';
import { FakeClickupServer, json } from './fake-clickup.server';

/**
 * Every endpoint method against a scripted server: checks the wire format (path, query,
 * body) and that the parsed result comes back. Retry and paging behaviour have their own
 * suites.
 */
describe('ClickupClient endpoints over real HTTP', () => {
  let server: FakeClickupServer;
  let client: ClickupClient;

  beforeAll(async () => {
    Logger.overrideLogger(false);
    server = await FakeClickupServer.start();
    client = ClickupClient.create({ baseUrl: server.baseUrl, token: 'pk_1_ENDPOINTS' });
    server
      .route('GET', '/user', json(200, { user: rawUser() }))
      .route('GET', '/team', json(200, { teams: [rawTeam()] }))
      .route('GET', '/team/T1/space', json(200, { spaces: [rawSpace()] }))
      .route('GET', '/space/S1', json(200, rawSpace({ id: 'S1' })))
      .route('GET', '/space/S1/folder', json(200, { folders: [rawFolder()] }))
      .route('GET', '/folder/F1', json(200, rawFolder({ id: 'F1' })))
      .route('GET', '/folder/F1/list', json(200, { lists: [rawList()] }))
      .route('GET', '/space/S1/list', json(200, { lists: [rawList({ folder: { id: 'h', name: 'hidden', hidden: true } })] }))
      .route('GET', '/list/L1', json(200, rawList({ id: 'L1', statuses: [{ status: 'open', type: 'open', orderindex: 0, color: '#fff' }] })))
      .route('GET', '/task/PROJ-42', json(200, rawTask({ id: 'abc', custom_id: 'PROJ-42', subtasks: [rawTask({ id: 'sub' })] })))
      .route('POST', '/list/L1/task', json(200, rawTask({ id: 'created' })))
      .route('PUT', '/task/abc', json(200, rawTask({ id: 'abc' })))
      .route('DELETE', '/task/abc', json(204, undefined))
      .route('GET', '/team/T1/time_entries', json(200, { data: [rawTimeEntry(), rawTimeEntry({ id: 'e2', task: undefined })] }))
      .route('GET', '/team/T1/time_entries/current', json(200, { data: null }))
      .route('GET', '/team/T1/time_entries/E1', json(200, { data: rawTimeEntry({ id: 'E1' }) }))
      .route('POST', '/team/T1/time_entries', json(200, { data: rawTimeEntry({ id: 'E9' }) }))
      .route('PUT', '/team/T1/time_entries/E1', json(200, {}))
      .route('DELETE', '/team/T1/time_entries/E1', json(200, { data: rawTimeEntry({ id: 'E1' }) }))
      .route(
        'POST',
        '/team/T1/time_entries/start',
        json(200, { data: rawTimeEntry({ id: 'run', duration: -53, end: undefined, at: 1595289452790 }) }),
      )
      .route(
        'POST',
        '/team/T1/time_entries/stop',
        json(200, { data: rawTimeEntry({ id: 'run', end: 1595289452790, duration: 56948, at: 1595289452790 }) }),
      )
      .route('POST', '/team/T1/webhook', json(200, { id: 'w1', webhook: rawWebhook({ id: 'w1' }) }))
      .route('GET', '/team/T1/webhook', json(200, { webhooks: [rawWebhook()] }))
      .route('DELETE', '/webhook/w1', json(200, {}));
  });
  afterAll(async () => {
    await server.close();
    Logger.overrideLogger(true);
  });

  const last = () => server.requests[server.requests.length - 1];

  it('reads the workspace, user and hierarchy', async () => {
    expect((await client.getAuthorizedUser()).id).toBe(183);
    expect(last().headers['content-type']).toBe('application/json');
    expect(last().headers.accept).toBe('application/json');
    expect((await client.getTeams())[0].members.map((m) => m.roleKey)).toEqual(['owner', 'guest']);
    expect((await client.getSpaces('T1', { archived: true }))[0].statuses).toHaveLength(3);
    expect(last().rawQuery).toBe('archived=true');
    expect((await client.getSpace('S1')).id).toBe('S1');
    expect((await client.getFolders('S1', { archived: false }))[0].lists).toHaveLength(1);
    expect(last().rawQuery).toBe('archived=false');
    expect((await client.getFolder('F1')).id).toBe('F1');
    expect(await client.getFolderLists('F1')).toHaveLength(1);
    expect(last().rawQuery).toBe('');
    expect((await client.getFolderlessLists('S1'))[0].folder).toEqual({ id: 'h', name: 'hidden', hidden: true });
    expect((await client.getList('L1')).statuses[0].status).toBe('open');
  });

  it('reads a task by custom id with subtasks', async () => {
    const task = await client.getTask('PROJ-42', { customTaskIds: true, teamId: 'T1', includeSubtasks: true });
    expect(task.customId).toBe('PROJ-42');
    expect(task.subtasks.map((s) => s.id)).toEqual(['sub']);
    expect(last().rawQuery).toBe('custom_task_ids=true&team_id=T1&include_subtasks=true');
  });

  it('creates, updates and deletes tasks with ClickUp field names on the wire', async () => {
    const created = await client.createTask('L1', { name: 'New', assignees: [183], priority: 2, dueDate: 1_700_000_000_000 });
    expect(created.id).toBe('created');
    expect(last().body).toEqual({ name: 'New', assignees: [183], priority: 2, due_date: 1_700_000_000_000 });
    expect(last().headers['content-type']).toBe('application/json');

    await client.updateTask('abc', { status: 'done', assignees: { add: [1], rem: [2] } });
    expect(last().body).toEqual({ status: 'done', assignees: { add: [1], rem: [2] } });

    await expect(client.deleteTask('abc')).resolves.toBeUndefined();
    expect(last().method).toBe('DELETE');
  });

  it('reads time entries for all given users with names and tags', async () => {
    const entries = await client.getTimeEntries('T1', {
      startDate: 1_690_000_000_000,
      endDate: 1_700_000_000_000,
      assignees: [183, 184],
      includeLocationNames: true,
      includeTaskTags: true,
    });
    expect(entries.map((e) => [e.id, e.task?.id ?? null])).toEqual([
      ['2859994400527229584', '86eexqt32'],
      ['e2', null],
    ]);
    expect(last().query.get('assignee')).toBe('183,184');
    expect(last().query.get('include_location_names')).toBe('true');
  });

  it('handles single entries, timers and their mixed number/string payloads', async () => {
    expect((await client.getTimeEntry('T1', 'E1', { includeTaskTags: true })).id).toBe('E1');
    expect(await client.getCurrentTimer('T1', { assignee: 183 })).toBeNull();
    expect(last().rawQuery).toBe('assignee=183');

    const created = await client.createTimeEntry('T1', { start: 1_700_000_000_000, duration: 60_000, taskId: 'abc', billable: true });
    expect(created.id).toBe('E9');
    expect(last().body).toEqual({ start: 1_700_000_000_000, duration: 60_000, billable: true, tid: 'abc' });

    await expect(client.updateTimeEntry('T1', 'E1', { description: 'fix', start: 1, end: 2 })).resolves.toBeUndefined();
    // No tags to change: an empty list to ADD (the spec requires `tags`; an empty REPLACE would clear them).
    expect(last().body).toEqual({ description: 'fix', start: 1, end: 2, tags: [], tag_action: 'add' });
    await expect(client.deleteTimeEntry('T1', 'E1')).resolves.toBeUndefined();

    const running = await client.startTimer('T1', { taskId: 'abc', description: 'go' });
    expect(running).toMatchObject({ running: true, end: null, duration: -53 });
    expect(last().body).toEqual({ tid: 'abc', description: 'go' });
    const stopped = await client.stopTimer('T1');
    expect(stopped).toMatchObject({ running: false, end: 1595289452790, duration: 56948 });
    expect(last().body).toBeUndefined();
  });

  it('creates (with secret), lists and deletes webhooks', async () => {
    const hook = await client.createWebhook('T1', { endpoint: 'https://example.com/hook', events: ['taskUpdated'], spaceId: '901' });
    expect(hook.secret).toBe('O94IM25S7PXBPYTMNXLLET230SRP0S89');
    // The spec types space_id as an integer.
    expect(last().body).toEqual({ endpoint: 'https://example.com/hook', events: ['taskUpdated'], space_id: 901 });
    expect(await client.listWebhooks('T1')).toHaveLength(1);
    await expect(client.deleteWebhook('w1')).resolves.toBeUndefined();
  });

  it('records every endpoint template it called', () => {
    const stats = client.stats();
    expect(stats.failures).toBe(0);
    expect(stats.requestsByEndpoint).toMatchObject({
      'GET /team/{team_id}/space': 1,
      'GET /task/{task_id}': 1,
      'POST /list/{list_id}/task': 1,
      'GET /team/{team_id}/time_entries': 1,
      'POST /team/{team_id}/time_entries/stop': 1,
      'DELETE /webhook/{webhook_id}': 1,
    });
  });
});
