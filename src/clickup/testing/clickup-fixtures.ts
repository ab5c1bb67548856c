/**
 * Raw ClickUp payloads shaped like real API responses (docs/clickup-api.md, the OpenAPI
 * examples and recorded responses), for tests here and in other modules. Each builder
 * takes overrides so a test states only what it cares about.
 */

type Json = Record<string, unknown>;

export function rawUser(overrides: Json = {}): Json {
  return {
    id: 183,
    username: 'Jane Doe',
    color: '#7b68ee',
    initials: 'JD',
    email: 'jane@example.com',
    profilePicture: null,
    ...overrides,
  };
}

export function rawStatus(overrides: Json = {}): Json {
  return { id: 'p90170_abc', status: 'in progress', color: '#4194f6', orderindex: 1, type: 'custom', ...overrides };
}

export function rawTask(overrides: Json = {}): Json {
  return {
    id: '86eexqt32',
    custom_id: null,
    custom_item_id: 0,
    name: 'Write the sync engine',
    text_content: 'Plain text',
    description: 'Plain text',
    status: rawStatus(),
    orderindex: '403946.00000000000000000000000000000000',
    date_created: '1567780450202',
    date_updated: '1567780450999',
    date_closed: null,
    date_done: null,
    archived: false,
    creator: rawUser(),
    assignees: [rawUser({ id: 184, username: 'Sam' })],
    group_assignees: [],
    watchers: [rawUser()],
    checklists: [],
    tags: [{ name: 'backend', tag_fg: '#fff', tag_bg: '#000', creator: 183 }],
    parent: null,
    top_level_parent: null,
    priority: { id: '2', priority: 'high', color: '#ffcc00', orderindex: '2' },
    due_date: '1568036964079',
    start_date: null,
    points: 3,
    time_estimate: 3600000,
    time_spent: 1800000,
    custom_fields: [
      {
        id: 'cf-1',
        name: 'Size',
        type: 'drop_down',
        type_config: { options: [] },
        date_created: '1',
        hide_from_guests: false,
        value: 1,
        required: false,
      },
      { id: 'cf-2', name: 'Notes', type: 'text', type_config: {}, date_created: '1', hide_from_guests: false, required: false },
    ],
    dependencies: [],
    linked_tasks: [],
    locations: [],
    team_id: '9015000001',
    url: 'https://app.clickup.com/t/86eexqt32',
    sharing: { public: false, public_share_expires_on: null, public_fields: [], token: null, seo_optimized: false },
    permission_level: 'create',
    list: { id: '901500000100', name: 'Backlog', access: true },
    project: { id: '90150000010', name: 'Engineering', hidden: false, access: true },
    folder: { id: '90150000010', name: 'Engineering', hidden: false, access: true },
    space: { id: '90150000001' },
    ...overrides,
  };
}

export function rawTimeEntry(overrides: Json = {}): Json {
  return {
    id: '2859994400527229584',
    task: {
      id: '86eexqt32',
      custom_id: 'ENG-42',
      name: 'Write the sync engine',
      status: { status: 'in progress', color: '#4194f6', type: 'custom', orderindex: 1 },
      custom_type: null,
    },
    wid: '9015000001',
    user: rawUser(),
    billable: false,
    start: '1592841559129',
    end: '1592845899021',
    duration: '4339892',
    description: '',
    tags: [],
    source: 'clickup',
    at: '1592845899021',
    // real data: ids as strings (the spec says integers)
    task_location: { list_id: '901500000100', folder_id: '90150000010', space_id: '90150000001' },
    task_url: 'https://app.clickup.com/t/86eexqt32',
    ...overrides,
  };
}

export function rawTeam(overrides: Json = {}): Json {
  return {
    id: '9015000001',
    name: 'Acme',
    color: '#536cfe',
    avatar: null,
    members: [
      {
        user: {
          ...rawUser(),
          role: 1,
          role_subtype: 0,
          role_key: 'owner',
          custom_role: null,
          last_active: '1750794096125',
          date_joined: '1679495777070',
          date_invited: '1679495777070',
        },
        invited_by: {},
      },
      {
        user: {
          id: 190,
          username: null,
          email: 'invitee@example.com',
          color: null,
          profilePicture: null,
          initials: 'I',
          role: 4,
          custom_role: null,
          last_active: null,
          date_joined: null,
          date_invited: '1700000000000',
        },
        invited_by: rawUser(),
      },
    ],
    ...overrides,
  };
}

export function rawSpace(overrides: Json = {}): Json {
  return {
    id: '90150000001',
    name: 'Engineering',
    private: false,
    color: '#ff0000',
    avatar: null,
    admin_can_manage: true,
    archived: false,
    members: [{ user: rawUser() }],
    statuses: [
      { id: 's1', status: 'to do', type: 'open', orderindex: 0, color: '#d3d3d3' },
      { id: 's2', status: 'in progress', type: 'custom', orderindex: 1, color: '#4194f6' },
      { id: 's3', status: 'complete', type: 'closed', orderindex: 2, color: '#6bc950' },
    ],
    multiple_assignees: true,
    features: { due_dates: { enabled: true, start_date: true }, time_tracking: { enabled: true }, points: { enabled: true } },
    ...overrides,
  };
}

export function rawList(overrides: Json = {}): Json {
  return {
    id: '901500000100',
    name: 'Backlog',
    orderindex: 0,
    content: '',
    status: null,
    priority: null,
    assignee: null,
    task_count: '12',
    due_date: null,
    start_date: null,
    folder: { id: '90150000010', name: 'Engineering', hidden: false, access: true },
    space: { id: '90150000001', name: 'Engineering', access: true },
    archived: false,
    override_statuses: false,
    permission_level: 'create',
    ...overrides,
  };
}

export function rawFolder(overrides: Json = {}): Json {
  return {
    id: '90150000010',
    name: 'Engineering',
    orderindex: 0,
    override_statuses: false,
    hidden: false,
    space: { id: '90150000001', name: 'Engineering', access: true },
    task_count: '20',
    archived: false,
    statuses: [],
    lists: [rawList({ folder: undefined, space: undefined })],
    permission_level: 'create',
    ...overrides,
  };
}

export function rawWebhook(overrides: Json = {}): Json {
  return {
    id: '4b67ac88-e506-4a29-9d42-26e504e3435e',
    userid: 183,
    team_id: 108,
    endpoint: 'https://example.com/webhooks/clickup',
    client_id: 'QVOQP06ZXC6CMGVFKB0ZT7J9Y7APOYGO',
    events: ['taskCreated', 'taskUpdated'],
    task_id: null,
    list_id: null,
    folder_id: null,
    space_id: null,
    health: { status: 'active', fail_count: 0 },
    secret: 'O94IM25S7PXBPYTMNXLLET230SRP0S89',
    ...overrides,
  };
}

/** A full page of `count` tasks with distinct ids. */
export function rawTaskPage(count: number, offset = 0, extra: Json = {}): Json {
  return {
    tasks: Array.from({ length: count }, (_, i) => rawTask({ id: `t${offset + i}`, name: `Task ${offset + i}` })),
    ...extra,
  };
}
