import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { NestExpressApplication } from '@nestjs/platform-express';
import { DataSource } from 'typeorm';
import { createHttpApp } from '../../src/bootstrap';
import { DemoSandbox } from '../../src/sandbox/demo-sandbox';
import { diffDatabaseWithDump } from '../support/db-vs-dump';
import { waitFor } from '../support/node-process';
import { BASE_TEST_ENV } from '../support/test-app';

type Json = Record<string, any>;

/**
 * A fresh clone: no ClickUp token (demo mode), the embedded database in an empty directory,
 * scheduled sync on. The server must come up healthy, say `demo: true`, serve Swagger UI, run a
 * ClickUp sandbox on its own port, and sync the demo workspace by itself.
 */
describe('demo mode, booted like a fresh clone', () => {
  let app: NestExpressApplication;
  let url: string;
  let dir: string;

  const get = async (p: string): Promise<{ status: number; body: Json; text: string; type: string | null }> => {
    const res = await fetch(`${url}${p}`);
    const text = await res.text();
    const type = res.headers.get('content-type');
    return { status: res.status, text, type, body: type?.includes('json') ? JSON.parse(text) : {} };
  };

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cu-demo-'));
    app = await createHttpApp({
      ignoreEnvFile: true,
      env: {
        ...BASE_TEST_ENV,
        CLICKUP_API_TOKEN: undefined,
        DATABASE_URL: undefined,
        PGLITE_DATA_DIR: path.join(dir, 'pglite'),
        SANDBOX_PORT: '0',
        SANDBOX_SIZE: 'tiny',
        SANDBOX_RATE_LIMIT_PER_MINUTE: undefined,
        CLICKUP_RATE_LIMIT_PER_MINUTE: undefined,
        SYNC_ENABLED: 'true',
      },
    });
    await app.listen(0, '127.0.0.1');
    url = `http://127.0.0.1:${(app.getHttpServer().address() as { port: number }).port}`;
  }, 60_000);
  afterAll(async () => {
    await app?.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('GET /health: 200, status ok, demo true', async () => {
    const { status, body } = await get('/health');
    expect(status).toBe(200);
    expect(body).toMatchObject({ status: 'ok', demo: true, info: { database: { status: 'up' } } });
  });

  it('GET /docs serves Swagger UI, and the API description says demo mode', async () => {
    const ui = await get('/docs');
    expect(ui.status).toBe(200);
    expect(ui.type).toContain('text/html');
    expect(ui.text).toMatch(/swagger-ui/i);
    const spec = await get('/docs-json');
    expect(spec.status).toBe(200);
    expect(spec.body.info.description).toContain('DEMO MODE');
    expect(Object.keys(spec.body.paths)).toEqual(expect.arrayContaining(['/health', '/sync/full', '/sync/status', '/sync/runs/{id}']));
  });

  it('the sandbox answers ClickUp-shaped requests on its own port', async () => {
    const demo = app.get(DemoSandbox);
    expect(demo.active).toBe(true);
    const base = new URL(demo.baseUrl);
    expect(base.port).not.toBe(new URL(url).port);
    const team = await fetch(`${demo.baseUrl}/team`, { headers: { Authorization: demo.token } });
    expect(team.status).toBe(200);
    expect(team.headers.get('x-ratelimit-limit')).toBe('100');
    const body = (await team.json()) as Json;
    expect(body.teams[0]).toMatchObject({ id: expect.any(String), name: expect.any(String), members: expect.any(Array) });
    expect(body.teams[0].members[0].user).toMatchObject({ id: expect.any(Number), role: expect.any(Number) });
    const tasks = await fetch(`${demo.baseUrl}/team/${body.teams[0].id}/task?page=0`, { headers: { Authorization: demo.token } });
    expect(((await tasks.json()) as Json).tasks[0]).toMatchObject({
      id: expect.any(String),
      status: { status: expect.any(String) },
      date_updated: expect.stringMatching(/^\d+$/),
    });
    const anonymous = await fetch(`${demo.baseUrl}/team`);
    expect(anonymous.status).toBe(401);
    expect(await anonymous.json()).toMatchObject({ ECODE: 'OAUTH_017' });
  });

  it('the first full sync starts by itself and succeeds; the database equals the demo workspace', async () => {
    let runs: Json[] = [];
    await waitFor(
      async () => {
        runs = (await get('/sync/runs')).body.runs ?? [];
        const first = runs.find((r) => r.kind === 'full');
        if (first && first.status !== 'running' && first.status !== 'succeeded')
          throw new Error(`startup sync ended ${first.status}: ${first.error}`);
        return first?.status === 'succeeded';
      },
      60_000,
      'the startup full sync',
      100,
    );
    expect(runs.find((r) => r.kind === 'full')).toMatchObject({ trigger: 'startup', status: 'succeeded', error: null, rateLimited: 0 });
    const dump = app.get(DemoSandbox).sandbox.store.dump();
    expect(await diffDatabaseWithDump(app.get(DataSource), dump)).toEqual([]);
    const status = (await get('/sync/status')).body;
    expect(status).toMatchObject({ demo: true, counts: { tasks: dump.tasks.length, timeEntries: dump.timeEntries.length } });
    expect(status.schedule).toMatchObject({
      enabled: true,
      incrementalEveryMinutes: 10,
      nextIncrementalAt: expect.any(String),
      nextReconcileAt: expect.any(String),
      nextSnapshotAt: expect.any(String),
    });
    expect((await get('/health')).body.info.sync.lastSuccessfulSyncAt).toEqual(expect.any(String));
  });
});
