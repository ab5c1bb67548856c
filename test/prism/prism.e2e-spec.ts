import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { connectClient } from '../mcp/mcp-clients';
import { freePort, NodeProcess, spawnNode, waitFor } from '../support/node-process';
import { startTestApp, TestApp } from '../support/test-app';
import { PRISM_FIXES, writePrismSpec } from './prism-spec';

type Obj = Record<string, any>;

const PRISM_CLI = require.resolve('@stoplight/prism-cli/dist/index.js');

/**
 * An independent ClickUp: Stoplight Prism serving ClickUp's own published v2 spec (its examples,
 * junk and all, except the PRISM_FIXES), validating every request we send against the spec. Our
 * sandbox was written by the same hands as the client; Prism was not. A full sync and every write
 * tool must end in success or in the documented clean errors.
 */
describe("against Stoplight Prism serving ClickUp's spec", () => {
  let dir: string;
  let prism: NodeProcess;
  let t: TestApp;
  let mcp: Client;

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cu-prism-'));
    const spec = path.join(dir, 'clickup-v2.json');
    writePrismSpec(spec);
    const port = await freePort();
    prism = spawnNode(PRISM_CLI, ['mock', '-h', '127.0.0.1', '-p', String(port), spec], {});
    await waitFor(() => /Prism is listening/.test(prism.stdout + prism.stderr) || !prism.running(), 30_000, 'Prism to listen', 100);
    if (!prism.running()) throw new Error(`Prism did not start:\n${prism.stdout}${prism.stderr}`);
    t = await startTestApp('pglite', {
      CLICKUP_API_TOKEN: 'pk_prism_test_token',
      CLICKUP_API_BASE_URL: `http://127.0.0.1:${port}/v2`,
      // Prism answers the same way every time: a retry would only repeat it.
      CLICKUP_MAX_RETRIES: '0',
      // Prism's examples date back to 2017 and hold one entry per window: wide windows keep it to ~10 requests.
      SYNC_TIME_ENTRIES_WINDOW_DAYS: '366',
    });
    mcp = await connectClient('http', { url: t.url });
  });
  afterAll(async () => {
    await mcp?.close();
    await t?.close();
    // Stopped by its PID (SIGKILL), never by name.
    await prism?.kill();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  async function tool(name: string, args: Obj = {}): Promise<{ isError: boolean; text: string; data: Obj | undefined }> {
    const r = (await mcp.callTool({ name, arguments: args })) as Obj;
    return { isError: r.isError === true, text: r.content?.[0]?.text ?? '', data: r.structuredContent };
  }

  it('a full sync succeeds', async () => {
    const res = await fetch(`${t.url}/sync/full?wait=true`, { method: 'POST' });
    const body = (await res.json()) as Obj;
    expect(body.run).toMatchObject({ kind: 'full', status: 'succeeded', error: null });
    expect(body.run.counts).toMatchObject({ tasksRead: expect.any(Number), timeEntriesRead: expect.any(Number), spaces: expect.any(Number) });
    expect(body.run.counts.tasksRead).toBeGreaterThan(0);
    const [ws] = await t.ds.query(`SELECT plan FROM workspaces`);
    expect(ws.plan).toBe('Enterprise');
  });

  it('create_task and update_task succeed', async () => {
    const created = await tool('create_task', { list: '124', name: 'Written against Prism', priority: 'high', estimate: '90' });
    expect(created.isError).toBe(false);
    expect(created.data?.message).toMatch(/^Created task /);
    const updated = await tool('update_task', { task: 'av1', name: 'Renamed against Prism', priority: 'none' });
    expect(updated.isError).toBe(false);
    expect(updated.data?.message).toMatch(/^Updated name, priority of task /);
  });

  it('log_time_entry: Prism answers 200 with an example that is no time entry — reported as accepted, never as refused', async () => {
    const r = await tool('log_time_entry', { task: 'av1', duration: 30 });
    expect(r.isError).toBe(true);
    expect(r.text).toMatch(
      /^ClickUp accepted the request to log 30m on task av1 .*, but its answer could not be read \(HTTP 200; .*\)\. Its id is unknown: check the time entries of task av1 in ClickUp before trying again, or it may happen twice\.$/,
    );
    expect(r.text).not.toMatch(/refused/);
    const rest = await fetch(`${t.url}/api/time-entries`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ task: 'av1', duration: 30 }),
    });
    expect(rest.status).toBe(502);
    expect(await rest.json()).toMatchObject({ outcome: 'accepted_unreadable', applied: 'yes', id: null });
  });

  it('start_timer and stop_timer succeed', async () => {
    const started = await tool('start_timer', { task: 'av1', description: 'Prism' });
    expect(started.isError).toBe(false);
    expect(started.data?.message).toMatch(/^Timer started /);
    const stopped = await tool('stop_timer');
    expect(stopped.isError).toBe(false);
    expect(stopped.data?.message).toMatch(/^Timer stopped: /);
  });

  it('Prism found no request that breaks the spec', () => {
    const log = prism.stdout + prism.stderr;
    expect(log).toMatch(/The request passed the validation rules/);
    expect(log.split('\n').filter((l) => /Violation: request/.test(l))).toEqual([]);
  });

  it('lists every fix to the served copy with a reason', () => {
    for (const f of PRISM_FIXES) expect(f.reason.length).toBeGreaterThan(40);
  });
});
