import { SandboxServer } from '../../src/sandbox/sandbox-server';
import { SandboxClient, TEST_NOW } from './support/sandbox-client';

describe('sandbox: workspace and hierarchy over HTTP', () => {
  let server: SandboxServer;
  let api: SandboxClient;
  let teamId: string;

  beforeAll(async () => {
    server = await SandboxServer.start({ size: 'tiny', port: 0, now: TEST_NOW, rateLimitPerMinute: 0 });
    api = SandboxClient.api(server);
    teamId = server.store.workspaceId;
  });
  afterAll(() => server.close());

  it('serves ClickUp paths under /api/v2 on a random port', () => {
    expect(server.port).toBeGreaterThan(0);
    expect(server.baseUrl).toBe(`http://127.0.0.1:${server.port}/api/v2`);
    expect(server.origin).toBe(`http://127.0.0.1:${server.port}`);
    expect(server.ownerToken).toMatch(/^pk_\d+_[A-Z0-9]{32}$/);
  });

  describe('authentication', () => {
    it('answers 401 OAUTH_017 without an Authorization header', async () => {
      const res = await new SandboxClient(server.baseUrl, null).get('/team');
      expect(res.status).toBe(401);
      expect(res.body).toEqual({ err: 'Authorization header required', ECODE: 'OAUTH_017' });
    });

    it('answers 401 OAUTH_019 for an unknown token', async () => {
      const res = await new SandboxClient(server.baseUrl, 'pk_1_NOPE').get('/team');
      expect(res.status).toBe(401);
      expect(res.body.ECODE).toBe('OAUTH_019');
    });

    it('accepts the bare personal token and the Bearer form', async () => {
      expect((await api.get('/team')).status).toBe(200);
      expect((await new SandboxClient(server.baseUrl, `Bearer ${server.ownerToken}`).get('/team')).status).toBe(200);
    });

    it('answers 401 "Team not authorized" for another workspace id', async () => {
      const res = await api.get('/team/123/space');
      expect(res.status).toBe(401);
      expect(res.body).toEqual({ err: 'Team not authorized', ECODE: 'OAUTH_027' });
    });
  });

  it('lists the workspace with members of every role, including a pending invitee', async () => {
    const res = await api.get('/team');
    expect(res.status).toBe(200);
    const [team] = res.body.teams;
    expect(team.id).toBe(teamId);
    const users = team.members.map((m: any) => m.user);
    expect(new Set(users.map((u: any) => u.role))).toEqual(new Set([1, 2, 3, 4]));
    expect(users.filter((u: any) => u.role === 1)).toHaveLength(1);
    const invitee = users.find((u: any) => u.username === null);
    expect(invitee).toMatchObject({ role: 3, date_joined: null, last_active: null });
    for (const u of users) expect(Number.isInteger(u.id)).toBe(true);
    const owner = team.members.find((m: any) => m.user.role === 1);
    expect(owner.invited_by).toBeUndefined();
    expect(owner.user.id).toBe(server.store.ownerId);
  });

  it('returns only active spaces by default and only archived ones with archived=true', async () => {
    const active = (await api.get(`/team/${teamId}/space`)).body.spaces;
    const archived = (await api.get(`/team/${teamId}/space?archived=true`)).body.spaces;
    expect(active.length).toBeGreaterThanOrEqual(4);
    expect(active.every((s: any) => s.archived === false)).toBe(true);
    expect(archived.map((s: any) => s.name)).toEqual(['Legacy']);
    const mobile = active.find((s: any) => s.name === 'Mobile');
    expect(mobile.statuses.map((s: any) => [s.status, s.type])).toEqual([
      ['backlog', 'open'],
      ['in progress', 'custom'],
      ['in review', 'custom'],
      ['qa', 'custom'],
      ['shipped', 'done'],
      ['cancelled', 'closed'],
    ]);
    expect(mobile.features.time_tracking.enabled).toBe(true);
    expect((await api.get(`/space/${mobile.id}`)).body.id).toBe(mobile.id);
  });

  it('answers 404 PROJ_006 for an unknown space', async () => {
    const res = await api.get('/space/1');
    expect(res.status).toBe(404);
    expect(res.body).toEqual({ err: 'Space not found', ECODE: 'PROJ_006' });
  });

  it('splits folders and lists into active and archived passes, with folderless lists in a hidden folder', async () => {
    const ops = [...server.store.state.spaces.values()].find((s) => s.name === 'Operations')!;
    const folders = (await api.get(`/space/${ops.id}/folder`)).body.folders;
    const archivedFolders = (await api.get(`/space/${ops.id}/folder?archived=true`)).body.folders;
    expect(folders.map((f: any) => f.name)).toEqual(['Infrastructure']);
    expect(archivedFolders.map((f: any) => f.name)).toEqual(['Old Infra']);
    expect(typeof folders[0].task_count).toBe('string');
    expect(folders[0].lists.length).toBeGreaterThan(0);

    const folderless = (await api.get(`/space/${ops.id}/list`)).body.lists;
    expect(folderless.map((l: any) => l.name)).toEqual(['Ops Inbox']);
    expect(folderless[0].folder).toEqual({ id: ops.hiddenFolderId, name: 'hidden', hidden: true, access: true });

    const mobile = [...server.store.state.spaces.values()].find((s) => s.name === 'Mobile')!;
    const ios = [...server.store.state.folders.values()].find((f) => f.name === 'iOS App')!;
    const lists = (await api.get(`/folder/${ios.id}/list`)).body.lists;
    const archivedLists = (await api.get(`/folder/${ios.id}/list?archived=true`)).body.lists;
    expect(lists.every((l: any) => !l.archived)).toBe(true);
    expect(archivedLists.map((l: any) => l.name)).toEqual(['v1 Release']);
    expect((await api.get(`/folder/${ios.id}`)).body.space).toEqual({ id: mobile.id, name: 'Mobile', access: true });
  });

  it("gives every list its effective statuses: its own, its folder's or its space's", async () => {
    const byName = (name: string) => [...server.store.state.lists.values()].find((l) => l.name === name)!;
    const hotfixes = (await api.get(`/list/${byName('Hotfixes').id}`)).body;
    expect(hotfixes.override_statuses).toBe(true);
    expect(hotfixes.statuses[0]).toMatchObject({ status: 'in queue', type: 'open' });
    const rewrite = (await api.get(`/list/${byName('Rewrite Backend').id}`)).body;
    expect(rewrite.override_statuses).toBe(false);
    expect(rewrite.statuses.map((s: any) => s.status)).toContain('qc check');
    const sprint = (await api.get(`/list/${byName('iOS Sprint').id}`)).body;
    expect(sprint.statuses.map((s: any) => s.status)).toContain('shipped');
    const unknown = await api.get('/list/1');
    expect(unknown.status).toBe(404);
    expect(unknown.body.ECODE).toBe('ITEM_015');
  });

  it('shows a removed member no workspace and refuses its workspace calls', async () => {
    const member = server.store.currentMembers().find((m) => m.role === 3 && m.status === 'active')!;
    const token = server.tokenFor(member.id);
    server.store.mutations.removeMember(member.id);
    const client = new SandboxClient(server.baseUrl, token);
    expect((await client.get('/team')).body).toEqual({ teams: [] });
    expect((await client.get(`/team/${teamId}/space`)).status).toBe(401);
  });
});
