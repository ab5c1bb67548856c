import * as fs from 'node:fs';
import * as path from 'node:path';
import { FixedClock } from '../../src/common/time/clock';
import { SandboxServer } from '../../src/sandbox/sandbox-server';
import { SyncRunnerService } from '../../src/sync/sync-runner.service';
import { connectClient } from '../mcp/mcp-clients';
import { startTestApp, TestApp } from '../support/test-app';
import { TEST_ENGINES } from '../support/test-database';

type Obj = Record<string, any>;

const WRITE = 'projects-write-token-0123456789';
const READ = 'projects-read-token-0123456789';
const REGISTRY_WRITES = ['add_project', 'remove_project', 'refresh_projects', 'map_project', 'unmap_project', 'import_mappings'];

/**
 * The REST mirrors of the registry and dashboard, with tokens: the same answers as the tools,
 * validated bodies, status codes per outcome, and changes only with a write token — over REST
 * and over MCP, where a read token does not even see the registry's write tools.
 */
describe.each(TEST_ENGINES)('projects REST on %s', (kind) => {
  let sandbox: SandboxServer;
  let t: TestApp;
  const call = async (method: string, url: string, body?: unknown, token = WRITE): Promise<{ status: number; body: Obj }> => {
    const res = await fetch(`${t.url}${url}`, {
      method,
      headers: { Authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return { status: res.status, body: (await res.json()) as Obj };
  };

  beforeAll(async () => {
    sandbox = await SandboxServer.start({ size: 'tiny', seed: 42, rateLimitPerMinute: 0 });
    t = await startTestApp(
      kind,
      { CLICKUP_API_TOKEN: sandbox.ownerToken, CLICKUP_API_BASE_URL: sandbox.baseUrl, MCP_TOKENS: `writer:${WRITE}:write,reader:${READ}:read` },
      { clock: new FixedClock(Date.now()) },
    );
    expect((await t.app.get(SyncRunnerService).runNow('full', 'test')).run?.status).toBe('succeeded');
  });
  afterAll(async () => {
    await t?.close();
    await sandbox?.close();
  });

  it('adds, lists, reports and removes projects; changes need a write token', async () => {
    const ios = sandbox.store.dump().folders.find((f) => f.name === 'iOS App')!;
    expect((await call('POST', '/api/projects', { alias: 'iOS', target: 'iOS App' }, READ)).status).toBe(403);
    const added = await call('POST', '/api/projects', { alias: ' iOS ', target: 'ios app', notes: 'the phone team' });
    expect(added).toEqual({
      status: 201,
      body: {
        created: true,
        project: { alias: 'iOS', type: 'folder', id: ios.id, name: 'iOS App', location: 'Mobile', state: 'ok', notes: 'the phone team' },
        warnings: [],
      },
    });
    expect((await call('POST', '/api/projects', { alias: 'IOS', target: ios.id })).status).toBe(200);
    const clash = await call('POST', '/api/projects', { alias: 'ios', target: 'Android App' });
    expect([clash.status, clash.body.message]).toEqual([
      409,
      `The alias 'ios' is already taken: 'iOS' tracks folder iOS App (${ios.id}). Choose another alias, or remove_project 'iOS' first.`,
    ]);
    expect((await call('POST', '/api/projects', { alias: 'x', target: 'no such thing' })).status).toBe(404);
    const bad = await call('POST', '/api/projects', { target: 'Mobile', type: 'team', colour: 'red' });
    expect([bad.status, bad.body.message]).toEqual([
      400,
      expect.stringMatching(/'colour' is not a parameter.*alias must be a non-empty text.*type must be one of space, folder, list/),
    ]);

    const listed = await call('GET', '/api/projects', undefined, READ);
    expect(listed.body.projects).toEqual([
      expect.objectContaining({ alias: 'iOS', id: ios.id, notes: 'the phone team', last_activity: expect.any(String) }),
    ]);

    // The same status as the tool, from the same service.
    const rest = await call('GET', '/api/projects/ios/status', undefined, READ);
    const c = await connectClient('http', { url: t.url, headers: { Authorization: `Bearer ${WRITE}` } });
    const tool = (await c.callTool({ name: 'get_project_status', arguments: { project: 'ios' } })).structuredContent as Obj;
    await c.close();
    const { data_as_of: _a, demo: _b, data_complete: _c, data_warning: _d, ...fromTool } = tool;
    expect(rest).toEqual({ status: 200, body: fromTool });
    expect((await call('GET', '/api/projects/Mobile/status', undefined, READ)).body.project).toMatchObject({ type: 'space', alias: null });
    expect((await call('GET', '/api/projects/nothing-like-it/status', undefined, READ)).status).toBe(404);
    const dash = await call('GET', '/api/projects/status', undefined, READ);
    const { weeks, ...row } = fromTool;
    expect(dash.body).toEqual({ total: 1, weeks, projects: [row], unavailable: [] });
    expect((await call('POST', '/api/projects/refresh', undefined, READ)).status).toBe(403);
    expect((await call('POST', '/api/projects/refresh')).body.projects).toEqual([expect.objectContaining({ alias: 'iOS', changes: [] })]);

    expect((await call('DELETE', '/api/projects/ios', undefined, READ)).status).toBe(403);
    expect(await call('DELETE', '/api/projects/ios')).toEqual({
      status: 200,
      body: { removed: expect.objectContaining({ alias: 'iOS', id: ios.id }) },
    });
    expect((await call('DELETE', '/api/projects/ios')).status).toBe(404);
  });

  it('exports and imports (ours and the original project_map.json); import needs a write token', async () => {
    await call('POST', '/api/projects', { alias: 'Mob', target: 'Mobile' });
    const exported = (await call('GET', '/api/projects/export', undefined, READ)).body;
    expect(exported).toMatchObject({
      format: 'clickup-analytics-mcp/projects',
      version: 1,
      projects: [expect.objectContaining({ alias: 'Mob', type: 'space' })],
    });
    await call('DELETE', '/api/projects/mob');
    expect((await call('POST', '/api/projects/import', exported, READ)).status).toBe(403);
    const back = await call('POST', '/api/projects/import', exported);
    expect([back.status, back.body.added.map((a: Obj) => a.alias)]).toEqual([200, ['Mob']]);
    const original = JSON.parse(fs.readFileSync(path.resolve(__dirname, '../fixtures/projects/project_map.json'), 'utf8'));
    const r = await call('POST', '/api/projects/import', original);
    expect(r.body).toMatchObject({ source: 'project_map', unmatched: [expect.objectContaining({ alias: 'Nidan.ai' })] });
    expect(r.body.added.map((a: Obj) => a.alias)).toEqual(['Mobile', 'OPS', 'Website', 'Hotfix queue', 'campaigns']);
    const junk = await call('POST', '/api/projects/import', { mapped_projects: 'nope' });
    expect([junk.status, junk.body.message]).toEqual([400, expect.stringMatching(/mapped_projects/)]);
    const empty = await call('POST', '/api/projects/import', {});
    expect([empty.status, empty.body.message]).toEqual([400, expect.stringMatching(/^Import data must be what export_mappings returns/)]);
  });

  it('a read token sees no registry write tool over MCP; Swagger documents the endpoints', async () => {
    const r = await connectClient('http', { url: t.url, headers: { Authorization: `Bearer ${READ}` } });
    const names = new Set((await r.listTools()).tools.map((x) => x.name));
    for (const name of REGISTRY_WRITES) {
      expect({ name, visible: names.has(name) }).toEqual({ name, visible: false });
      await expect(r.callTool({ name, arguments: { alias: 'x', target: 'Mobile' } })).rejects.toThrow(/requires scopes/);
    }
    for (const name of ['list_projects', 'get_project_status', 'get_all_projects_status', 'export_mappings', 'cache_status'])
      expect(names.has(name)).toBe(true);
    await r.close();
    const doc = (await call('GET', '/docs-json')).body;
    for (const p of [
      '/api/projects',
      '/api/projects/{alias}',
      '/api/projects/{alias}/status',
      '/api/projects/status',
      '/api/projects/export',
      '/api/projects/import',
      '/api/projects/refresh',
    ]) {
      expect({ p, documented: p in doc.paths }).toEqual({ p, documented: true });
    }
  });
});
