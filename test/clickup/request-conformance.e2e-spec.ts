import { Logger } from '@nestjs/common';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { ClickupClient } from '../../src/clickup/clickup.client';
import { FakeClickupServer, json, RecordedRequest } from './fake-clickup.server';
import { ClearingNull, DocumentedForm, OpenApiRequests } from './support/openapi-requests';

const SPEC_FILE = path.resolve(__dirname, '../fixtures/clickup-openapi/clickup-api-v2-reference.json');
const CLIENT_FILE = path.resolve(__dirname, '../../src/clickup/clickup.client.ts');

const LIST_TASKS = 'GET /v2/list/{list_id}/task';
const digits = (v: string) => /^\d+$/.test(v);
const anything = () => true;

/**
 * DOCUMENTED_FORMS — the only places where a request departs from the spec's parameter list, each
 * because ClickUp's own documentation of that operation shows another form (mirrored in
 * docs/clickup-client.md, "Requests and the spec"):
 * - GET /list/{list_id}/task: the spec names the array filters `statuses`, `assignees`, `tags`,
 *   `custom_items`, but the operation's own descriptions document them in bracket form
 *   (`?statuses[]=to%20do&statuses[]=in%20progress`, `?assignees[]=1234&assignees[]=5678`,
 *   `?tags[]=tag1&tags[]=this%20tag`, `?custom_items[]=0&custom_items[]=1300`), the form the team
 *   endpoint's parameters are named in. `watchers` has no example; it is sent like its siblings.
 * - GET /team/{team_id}/time_entries: the spec types `assignee` as a number, its description says
 *   "For multiple assignees, separate user_id using commas. Example: assignee=1234,9876".
 * - GET /team/{team_id}/task: `archived=true` is not in the spec, but ClickUp honours it (it is
 *   what integrations such as tap-clickup use to list archived tasks, and nothing else does); it
 *   is sent for the archived pass only.
 */
export const DOCUMENTED_FORMS: DocumentedForm[] = [
  ...(
    [
      ['statuses[]', 'statuses', anything],
      ['assignees[]', 'assignees', digits],
      ['tags[]', 'tags', anything],
      ['custom_items[]', 'custom_items', digits],
    ] as const
  ).map(([sent, specParam, valid]) => ({
    operation: LIST_TASKS,
    sent,
    specParam,
    valid,
    reason: `The operation's description documents the bracket form ?${sent}=…&${sent}=…`,
  })),
  {
    operation: LIST_TASKS,
    sent: 'watchers[]',
    specParam: 'watchers',
    valid: digits,
    reason: 'Sent in the bracket form of its sibling filters (no example is documented).',
  },
  {
    operation: 'GET /v2/team/{team_Id}/time_entries',
    sent: 'assignee',
    specParam: 'assignee',
    valid: (v) => /^\d+(,\d+)*$/.test(v),
    reason: 'The description documents comma-separated user ids: assignee=1234,9876.',
  },
  {
    operation: 'GET /v2/team/{team_Id}/task',
    sent: 'archived',
    specParam: '(none)',
    valid: (v) => v === 'true',
    reason: 'Not in the spec but honoured by ClickUp: the only way to list archived tasks; sent for the archived pass only.',
  },
];

/**
 * CLEARING_NULLS — fields update_task sends as null to clear them (priority "none", due_date
 * "none", estimate "none"). ClickUp clears a field given null; the spec types them as plain
 * integers and has no other way to say "clear" (its own create-task schema types priority
 * integer|null). Mirrored in docs/clickup-client.md and in the Prism copy.
 */
export const CLEARING_NULLS: ClearingNull[] = ['priority', 'due_date', 'time_estimate', 'start_date'].map((field) => ({
  operation: 'PUT /v2/task/{task_id}',
  field,
  reason: `update_task sends ${field}: null to clear it; the spec has no other way to say so.`,
}));

const TEAM = '9015000001';
const SPACE = '90150000001';
const FOLDER = '90150000010';
const LIST = '901500000100';
const TASK = '86eexqt32';
const TIMER = '2859994400527229584';

/**
 * Every request the client can send, with every option it accepts set, checked against ClickUp's
 * published spec: path, method, parameter names and types, required headers, and the body (or its
 * absence). A new endpoint or option that drifts from the spec fails here.
 */
describe('ClickupClient requests conform to the OpenAPI spec', () => {
  let server: FakeClickupServer;
  let client: ClickupClient;
  const spec = new OpenApiRequests(SPEC_FILE, DOCUMENTED_FORMS, CLEARING_NULLS);

  beforeAll(async () => {
    Logger.overrideLogger(false);
    server = await FakeClickupServer.start();
    // Any answer will do: only the requests matter (parse errors after the send are expected).
    for (const method of ['GET', 'POST', 'PUT', 'DELETE']) server.route(method, /.*/, json(200, {}));
    client = ClickupClient.create({ baseUrl: server.baseUrl, token: 'pk_test_conformance', maxRetries: 0 });
    await exerciseEveryEndpoint(client);
  });
  afterAll(async () => {
    client?.onModuleDestroy();
    await server?.close();
    Logger.overrideLogger(true);
  });

  it('exercises every endpoint template the client knows', () => {
    const source = readFileSync(CLIENT_FILE, 'utf8');
    const known = new Set([...source.matchAll(/(?:template:|const template =|archivedListing\()\s*'([^']+)'/g)].map((m) => m[1]));
    const exercised = new Set(Object.keys(client.stats().requestsByEndpoint).map((e) => e.split(' ')[1]));
    expect([...known].filter((t) => !exercised.has(t))).toEqual([]);
    expect(known.size).toBeGreaterThanOrEqual(20);
  });

  it('sends only what the spec defines (or, where listed, what ClickUp documents)', () => {
    const problems = server.requests.flatMap((r) => spec.problems(wire(r)));
    expect(problems).toEqual([]);
  });

  it('stop_timer sends no body (a strict server answers {} with 415)', () => {
    const stop = server.requests.find((r) => r.method === 'POST' && r.path.endsWith('/time_entries/stop'))!;
    expect(stop.body).toBeUndefined();
    expect(stop.headers['content-type']).toBe('application/json');
  });

  it('the checker catches drift: an unknown parameter, a wrong type, a stray body, a misspelt field', () => {
    const base = { headers: { 'content-type': 'application/json' }, body: undefined };
    expect(spec.problems({ ...base, method: 'GET', path: `/team/${TEAM}/task`, query: new URLSearchParams('statuses=a') })).toEqual([
      "GET /v2/team/{team_Id}/task: query parameter 'statuses' is not in the spec",
    ]);
    expect(spec.problems({ ...base, method: 'GET', path: `/team/${TEAM}/task`, query: new URLSearchParams('page=first') })).toEqual([
      "GET /v2/team/{team_Id}/task: page='first' is not a integer",
    ]);
    expect(spec.problems({ ...base, method: 'POST', path: `/team/${TEAM}/time_entries/stop`, query: new URLSearchParams(), body: {} })).toEqual([
      'POST /v2/team/{team_id}/time_entries/stop: sends a body, the spec defines none',
    ]);
    expect(
      spec.problems({ ...base, method: 'POST', path: `/list/${LIST}/task`, query: new URLSearchParams(), body: { name: 'x', time_estimat: 5 } }),
    ).toEqual(["POST /v2/list/{list_id}/task: body field 'time_estimat' is not in the spec"]);
  });

  it('lists every documented form and clearing null with a reason', () => {
    for (const f of [...DOCUMENTED_FORMS, ...CLEARING_NULLS]) expect(f.reason.length).toBeGreaterThan(20);
  });
});

function wire(r: RecordedRequest) {
  return { method: r.method, path: r.path, query: r.query, headers: r.headers, body: r.body };
}

async function settle(p: Promise<unknown>): Promise<void> {
  await p.catch(() => undefined);
}

async function firstPage(pages: AsyncIterable<unknown>): Promise<void> {
  try {
    for await (const _ of pages) return;
  } catch {
    /* the fake answers {}: only the request matters */
  }
}

/** Calls every client method once or more, with every option it takes. */
async function exerciseEveryEndpoint(c: ClickupClient): Promise<void> {
  const filters = {
    archived: true,
    includeClosed: true,
    subtasks: true,
    orderBy: 'updated' as const,
    reverse: true,
    statuses: ['to do', 'in progress'],
    assignees: [183, 184],
    tags: ['backend', 'two words'],
    dueDateGt: 1,
    dueDateLt: 2,
    dateCreatedGt: 3,
    dateCreatedLt: 4,
    dateUpdatedGt: 5,
    dateUpdatedLt: 6,
    dateDoneGt: 7,
    dateDoneLt: 8,
    customFields: [{ fieldId: 'cf-1', operator: '=' as const, value: 3 }],
    customItems: [0, 1300],
    includeMarkdownDescription: true,
  };
  await settle(c.getAuthorizedUser());
  await settle(c.getTeams());
  await settle(c.getWorkspacePlan(TEAM));
  for (const archived of [false, true]) {
    await settle(c.getSpaces(TEAM, { archived }));
    await settle(c.getFolders(SPACE, { archived }));
    await settle(c.getFolderLists(FOLDER, { archived }));
    await settle(c.getFolderlessLists(SPACE, { archived }));
  }
  await settle(c.getSpace(SPACE));
  await settle(c.getFolder(FOLDER));
  await settle(c.getList(LIST));
  await firstPage(c.iterateTeamTasks(TEAM, { ...filters, spaceIds: [SPACE], projectIds: [FOLDER], listIds: [LIST], parent: TASK, startPage: 2 }));
  await firstPage(c.iterateListTasks(LIST, { ...filters, includeTiml: true, watchers: [183] }));
  await settle(c.getTask(TASK, { includeSubtasks: true, includeMarkdownDescription: true }));
  await settle(c.getTask('ENG-42', { customTaskIds: true, teamId: TEAM }));
  await settle(
    c.createTask(LIST, {
      name: 'A task',
      description: 'text',
      markdownContent: '**md**',
      assignees: [183],
      groupAssignees: ['g1'],
      tags: ['backend'],
      status: 'to do',
      priority: 2,
      dueDate: 1_700_000_000_000,
      dueDateTime: true,
      timeEstimate: 3_600_000,
      startDate: 1_699_000_000_000,
      startDateTime: false,
      points: 2.5,
      notifyAll: false,
      parent: TASK,
      linksTo: 'other',
      checkRequiredCustomFields: true,
      customFields: [{ id: 'cf-1', value: 3 }],
      customItemId: 0,
    }),
  );
  await settle(
    c.updateTask(TASK, {
      name: 'Renamed',
      description: ' ',
      markdownContent: '_md_',
      status: 'done',
      priority: 1,
      dueDate: 1_700_000_000_000,
      dueDateTime: false,
      parent: 'p1',
      timeEstimate: 60_000,
      startDate: 1_699_000_000_000,
      startDateTime: true,
      points: 1,
      archived: false,
      customItemId: 0,
      assignees: { add: [183], rem: [184] },
      groupAssignees: { add: ['g1'] },
      watchers: { rem: [183] },
    }),
  );
  await settle(c.updateTask('ENG-42', { name: 'By custom id' }, { customTaskIds: true, teamId: TEAM }));
  await settle(c.updateTask(TASK, { priority: null, dueDate: null, timeEstimate: null, startDate: null }));
  await settle(c.deleteTask(TASK));
  await settle(c.deleteTask('ENG-42', { customTaskIds: true, teamId: TEAM }));
  const entryQuery = { startDate: 1, endDate: 2, assignees: [183, 184], includeLocationNames: true, includeTaskTags: true, isBillable: true };
  for (const location of [{ spaceId: SPACE }, { folderId: FOLDER }, { listId: LIST }, { taskId: TASK }, { taskId: 'ENG-42', customTaskIds: true }]) {
    await settle(c.getTimeEntries(TEAM, { ...entryQuery, ...location }));
  }
  await settle(c.getTimeEntries(TEAM, { assignees: [183] }));
  await settle(c.getTimeEntry(TEAM, TIMER, { includeLocationNames: true, includeTaskTags: true }));
  const tags = [{ name: 'billing', tagFg: '#ffffff', tagBg: '#000000' }];
  await settle(
    c.createTimeEntry(TEAM, { start: 1_700_000_000_000, duration: 60_000, billable: true, description: 'work', tags, assignee: 183, taskId: TASK }),
  );
  await settle(c.createTimeEntry(TEAM, { start: 1_700_000_000_000, end: 1_700_000_060_000, taskId: 'ENG-42', customTaskIds: true }));
  await settle(
    c.updateTimeEntry(TEAM, TIMER, {
      description: 'edited',
      tags,
      tagAction: 'replace',
      start: 1,
      end: 2,
      taskId: TASK,
      billable: false,
      duration: 1,
    }),
  );
  await settle(c.updateTimeEntry(TEAM, TIMER, { description: 'no tags given' }));
  await settle(c.updateTimeEntry(TEAM, TIMER, { taskId: 'ENG-42', customTaskIds: true }));
  await settle(c.deleteTimeEntry(TEAM, TIMER));
  await settle(c.getCurrentTimer(TEAM, { assignee: 183 }));
  await settle(c.startTimer(TEAM, { taskId: TASK, description: 'timer', tags, billable: true }));
  await settle(c.startTimer(TEAM, { taskId: 'ENG-42', customTaskIds: true }));
  await settle(c.stopTimer(TEAM));
  await settle(
    c.createWebhook(TEAM, {
      endpoint: 'https://example.com/webhooks/clickup',
      events: ['taskUpdated'],
      spaceId: SPACE,
      folderId: FOLDER,
      listId: LIST,
      taskId: TASK,
    }),
  );
  await settle(c.listWebhooks(TEAM));
  await settle(c.deleteWebhook('4b67ac88-e506-4a29-9d42-26e504e3435e'));
}
