import { rawTimeEntry, rawUser } from '../testing/clickup-fixtures';
import { parseListingItems, parsePayload } from './parse-payload';
import { currentTimerResponseSchema, singleTimeEntryResponseSchema, timeEntriesResponseSchema, timeEntrySchema } from './time-entry.schema';

const LIST = 'GET /team/{team_id}/time_entries';

describe('time entry schema', () => {
  it('parses a listing entry: string timestamps and duration, string location ids', () => {
    const raw = rawTimeEntry();
    const [entry] = parseListingItems(timeEntrySchema, [raw], LIST).items;
    expect(entry).toEqual({
      id: '2859994400527229584',
      task: {
        id: '86eexqt32',
        customId: 'ENG-42',
        name: 'Write the sync engine',
        status: { id: null, status: 'in progress', color: '#4194f6', type: 'custom', orderindex: 1 },
      },
      teamId: '9015000001',
      user: { id: 183, username: 'Jane Doe', email: 'jane@example.com', color: '#7b68ee', initials: 'JD', profilePicture: null },
      billable: false,
      start: 1592841559129,
      end: 1592845899021,
      duration: 4339892,
      running: false,
      description: '',
      tags: [],
      source: 'clickup',
      at: 1592845899021,
      taskLocation: {
        listId: '901500000100',
        folderId: '90150000010',
        spaceId: '90150000001',
        listName: null,
        folderName: null,
        spaceName: null,
      },
      taskTags: [],
      taskUrl: 'https://app.clickup.com/t/86eexqt32',
      raw,
    });
  });

  it('accepts the spec form: numeric start/end and integer location ids with names', () => {
    const raw = rawTimeEntry({
      start: 1592841559129,
      end: 1592845899021,
      task_location: { list_id: 1560300071, folder_id: 468300080, space_id: 22800253, list_name: 'List', folder_name: 'Folder', space_name: 'Space' },
      task_tags: [{ name: 'marketing', tag_fg: '#800000', tag_bg: '#2ecd6f', creator: 301828 }],
    });
    const [entry] = parseListingItems(timeEntrySchema, [raw], LIST).items;
    expect(entry.start).toBe(1592841559129);
    expect(entry.taskLocation).toEqual({
      listId: '1560300071',
      folderId: '468300080',
      spaceId: '22800253',
      listName: 'List',
      folderName: 'Folder',
      spaceName: 'Space',
    });
    expect(entry.taskTags).toEqual([{ name: 'marketing', tagFg: '#800000', tagBg: '#2ecd6f', creator: 301828 }]);
  });

  it('returns task null for an entry without a task key', () => {
    const raw = rawTimeEntry();
    delete raw.task;
    delete raw.task_location;
    delete raw.task_url;
    const [entry] = parseListingItems(timeEntrySchema, [raw], LIST).items;
    expect(entry).toMatchObject({ task: null, taskLocation: null, taskUrl: null });
  });

  it('marks a running timer: negative string duration, no end', () => {
    const raw = rawTimeEntry({ duration: '-1592841559129', end: undefined });
    const [entry] = parseListingItems(timeEntrySchema, [raw], LIST).items;
    expect(entry).toMatchObject({ running: true, duration: -1592841559129, end: null });
  });

  it('tolerates nulls sent since the mobile app', () => {
    const raw = rawTimeEntry({ description: null, tags: null, source: null, at: null, billable: null, user: null, wid: null });
    const [entry] = parseListingItems(timeEntrySchema, [raw], LIST).items;
    expect(entry).toMatchObject({ description: null, tags: [], source: null, at: null, billable: false, user: null, teamId: null });
  });

  it('parses the current timer: numeric negative duration, string start, no end', () => {
    const body = {
      data: {
        id: 'timer_id',
        task: { id: 'task_id', name: 'task_name', status: { status: 'to do', color: '#d3d3d3', type: 'open', orderindex: 0 } },
        wid: 'workspace_id',
        user: rawUser({ id: 300528 }),
        billable: false,
        start: '1595293042560',
        duration: -25655,
        description: '',
        tags: [],
        at: '1595293042560',
      },
    };
    const entry = parsePayload(currentTimerResponseSchema, body, 'GET /team/{team_id}/time_entries/current').data;
    expect(entry).toMatchObject({ id: 'timer_id', running: true, duration: -25655, start: 1595293042560, end: null });
  });

  it.each([[{ data: null }], [{ data: {} }], [{}]])('reads "no timer running" from %j', (body) => {
    expect(parsePayload(currentTimerResponseSchema, body, 'GET /team/{team_id}/time_entries/current').data).toBeNull();
  });

  it('parses the stop response, which mixes numbers (end, duration, at) and strings (start)', () => {
    const body = {
      data: {
        id: 'timer_id',
        task: { id: 'task_id', name: 'test task', status: { status: 'to do', color: '#d3d3d3', type: 'open', orderindex: 0 }, custom_type: null },
        wid: 'workspace_id',
        user: rawUser({ id: 1 }),
        billable: false,
        start: '1595289395842',
        end: 1595289452790,
        duration: 56948,
        description: '',
        tags: [],
        source: 'clickup',
        at: 1595289452790,
      },
    };
    const entry = parsePayload(singleTimeEntryResponseSchema, body, 'POST /team/{team_id}/time_entries/stop').data;
    expect(entry).toMatchObject({ start: 1595289395842, end: 1595289452790, duration: 56948, at: 1595289452790, running: false });
  });

  it('accepts a single entry wrapped in a one-element array (spec example of GET …/{timer_id})', () => {
    const entry = parsePayload(singleTimeEntryResponseSchema, { data: [rawTimeEntry()] }, 'GET /team/{team_id}/time_entries/{timer_id}').data;
    expect(entry.id).toBe('2859994400527229584');
  });

  it('parses a listing entry by entry: malformed ones are skipped with id, field and reason, the rest kept', () => {
    const entries = [rawTimeEntry(), rawTimeEntry({ id: 'x', duration: 'long' }), rawTimeEntry({ id: 'y', start: null })];
    const { items, skipped } = parseListingItems(timeEntrySchema, entries, LIST);
    expect(items.map((e) => e.id)).toEqual(['2859994400527229584']);
    expect(skipped).toEqual([
      { endpoint: LIST, index: 1, id: 'x', field: 'duration', reason: 'expected ms duration' },
      { endpoint: LIST, index: 2, id: 'y', field: 'start', reason: 'expected ms timestamp' },
    ]);
  });

  it('rejects a task-location id that is neither string nor integer', () => {
    const raw = rawTimeEntry({ task_location: { list_id: { id: 1 } } });
    expect(parseListingItems(timeEntrySchema, [raw], LIST).skipped[0]).toMatchObject({
      field: 'task_location.list_id',
      reason: 'expected id or null',
    });
  });

  it('still rejects a listing whose envelope is not {data: [...]}', () => {
    expect(() => parsePayload(timeEntriesResponseSchema, { data: {} }, LIST)).toThrow('data: expected array');
  });
});
