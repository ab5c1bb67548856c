import { rawFolder, rawList, rawSpace, rawTeam, rawWebhook } from '../testing/clickup-fixtures';
import { foldersResponseSchema, listSchema, spacesResponseSchema } from './hierarchy.schema';
import { parsePayload } from './parse-payload';
import { teamsResponseSchema } from './team.schema';
import { createWebhookResponseSchema, webhooksResponseSchema } from './webhook.schema';

describe('team schema', () => {
  it('parses members with roles, role keys and pending invitees (username null)', () => {
    const raw = rawTeam();
    const [team] = parsePayload(teamsResponseSchema, { teams: [raw] }, 'GET /team').teams;
    expect(team.raw).toBe(raw);
    expect(team.members).toEqual([
      expect.objectContaining({
        id: 183,
        role: 1,
        roleKey: 'owner',
        pending: false,
        lastActive: 1750794096125,
        dateJoined: 1679495777070,
        invitedBy: null, // `{}` from ClickUp names nobody
      }),
      expect.objectContaining({
        id: 190,
        username: null,
        role: 4,
        roleKey: 'guest', // derived: ClickUp omitted role_key
        pending: true,
        lastActive: null,
        dateJoined: null,
        invitedBy: expect.objectContaining({ id: 183 }),
      }),
    ]);
  });

  it('names the member field that broke', () => {
    const raw = rawTeam();
    (raw.members as Array<{ user: Record<string, unknown> }>)[1].user.id = 'abc';
    expect(() => parsePayload(teamsResponseSchema, { teams: [raw] }, 'GET /team')).toThrow(
      'GET /team returned an unexpected payload: teams[0].members[1].user.id: expected user id',
    );
  });

  it('leaves out a member sent without a user id (the spec makes it optional)', () => {
    const raw = rawTeam();
    const members = raw.members as Array<{ user: Record<string, unknown> }>;
    delete members[0].user.id;
    const [team] = parsePayload(teamsResponseSchema, { teams: [raw] }, 'GET /team').teams;
    expect(team.members).toHaveLength(members.length - 1);
  });
});

describe('hierarchy schemas', () => {
  it('keeps a space whose embedded members or statuses lack what the spec makes optional', () => {
    const raw = rawSpace();
    raw.members = [{ user: { username: 'no id' } }, { user: { id: 5, username: 'ok' } }];
    raw.statuses = [
      { color: '#000', type: 'open', orderindex: 0 },
      { status: 'done', type: 'closed', orderindex: 1 },
    ];
    const [space] = parsePayload(spacesResponseSchema, { spaces: [raw] }, 'GET /team/{team_id}/space').spaces;
    expect(space.members.map((m) => m.id)).toEqual([5]);
    expect(space.statuses.map((x) => x.status)).toEqual(['done']);
  });

  it('parses spaces with statuses and features', () => {
    const [space] = parsePayload(spacesResponseSchema, { spaces: [rawSpace()] }, 'GET /team/{team_id}/space').spaces;
    expect(space).toMatchObject({
      id: '90150000001',
      archived: false,
      multipleAssignees: true,
      members: [{ id: 183 }],
      features: { time_tracking: { enabled: true } },
    });
    expect(space.statuses.map((s) => [s.status, s.type])).toEqual([
      ['to do', 'open'],
      ['in progress', 'custom'],
      ['complete', 'closed'],
    ]);
  });

  it('parses folders with embedded lists (which carry no folder/space refs)', () => {
    const [folder] = parsePayload(foldersResponseSchema, { folders: [rawFolder({ parent_folder: 123 })] }, 'GET /space/{space_id}/folder').folders;
    expect(folder).toMatchObject({ id: '90150000010', taskCount: 20, parentFolderId: '123', space: { id: '90150000001' } });
    expect(folder.lists[0]).toMatchObject({ id: '901500000100', folder: null, space: null, taskCount: 12 });
  });

  it('parses a list with statuses, a label-style status and a string priority', () => {
    const raw = rawList({
      status: { status: 'red', color: '#e50000', hide_label: true },
      priority: 'high',
      due_date: '1567780450202',
      task_count: 10,
      override_statuses: true,
      statuses: [{ status: 'to do', orderindex: 0, color: '#d3d3d3', type: 'open' }],
    });
    const list = parsePayload(listSchema, raw, 'GET /list/{list_id}');
    expect(list).toMatchObject({
      status: { status: 'red', color: '#e50000' },
      priority: { priority: 'high', color: null },
      dueDate: 1567780450202,
      taskCount: 10,
      overrideStatuses: true,
      statuses: [{ status: 'to do', type: 'open', id: null }],
    });
  });
});

describe('webhook schemas', () => {
  it('normalises integer team_id/userid and returns the secret on create', () => {
    const hook = parsePayload(
      createWebhookResponseSchema,
      { id: '4b67ac88-e506-4a29-9d42-26e504e3435e', webhook: rawWebhook() },
      'POST /team/{team_id}/webhook',
    ).webhook;
    expect(hook).toMatchObject({
      teamId: '108',
      userId: 183,
      secret: 'O94IM25S7PXBPYTMNXLLET230SRP0S89',
      health: { status: 'active', failCount: 0 },
    });
  });

  it('refuses a create response without a secret (deliveries could not be verified)', () => {
    expect(() =>
      parsePayload(createWebhookResponseSchema, { id: 'x', webhook: rawWebhook({ secret: null }) }, 'POST /team/{team_id}/webhook'),
    ).toThrow('POST /team/{team_id}/webhook returned an unexpected payload: webhook.secret: expected string, received null');
  });

  it('lists webhooks', () => {
    const { webhooks } = parsePayload(
      webhooksResponseSchema,
      { webhooks: [rawWebhook({ health: { status: 'failing', fail_count: 5 } })] },
      'GET /team/{team_id}/webhook',
    );
    expect(webhooks[0].health).toEqual({ status: 'failing', failCount: 5 });
  });
});
