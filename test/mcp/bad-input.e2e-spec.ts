import type { Tool } from '@modelcontextprotocol/sdk/types.js';
import { SandboxServer } from '../../src/sandbox/sandbox-server';
import { SyncRunnerService } from '../../src/sync/sync-runner.service';
import { startTestApp, TestApp } from '../support/test-app';
import { connectClient } from './mcp-clients';

type Prop = { type?: string | string[]; enum?: unknown[]; maxLength?: number; minimum?: number; maximum?: number; items?: Prop };
const HUGE = 'x'.repeat(20_000);
const INJECTIONS = [
  "'; DROP TABLE tasks; --",
  '%_%',
  '../../etc/passwd',
  '<script>alert(1)</script>',
  '${process.env.CLICKUP_API_TOKEN}',
  '\u0000nul',
];

/** Invalid argument sets derived from a tool's published input schema: each MUST be refused. */
function invalidCalls(tool: Tool): { why: string; args: Record<string, unknown> }[] {
  const props = (tool.inputSchema.properties ?? {}) as Record<string, Prop>;
  const required = (tool.inputSchema.required ?? []) as string[];
  const valid = (p: Prop): unknown =>
    p.enum ? p.enum[0] : p.type === 'number' || p.type === 'integer' ? (p.minimum ?? 1) : p.type === 'boolean' ? true : p.type === 'array' ? [] : 'x';
  const base = Object.fromEntries(required.map((k) => [k, valid(props[k])]));
  const out: { why: string; args: Record<string, unknown> }[] = [];
  for (const k of required) {
    const { [k]: _omit, ...rest } = base;
    out.push({ why: `missing ${k}`, args: rest });
  }
  for (const [k, p] of Object.entries(props)) {
    const type = Array.isArray(p.type) ? p.type[0] : p.type;
    if (type === 'string') {
      out.push({ why: `${k} as number`, args: { ...base, [k]: 12345 } });
      out.push({ why: `${k} as object`, args: { ...base, [k]: { $gt: '' } } });
      if (p.maxLength !== undefined) out.push({ why: `${k} huge`, args: { ...base, [k]: HUGE } });
      if (p.enum) out.push({ why: `${k} not in enum`, args: { ...base, [k]: 'definitely-not-an-option' } });
    } else if (type === 'number' || type === 'integer') {
      out.push({ why: `${k} as string`, args: { ...base, [k]: 'ten' } });
      if (p.maximum !== undefined) out.push({ why: `${k} above max`, args: { ...base, [k]: p.maximum + 1_000_000 } });
      if (p.minimum !== undefined) out.push({ why: `${k} below min`, args: { ...base, [k]: p.minimum - 1_000_000 } });
      if (type === 'integer') out.push({ why: `${k} fractional`, args: { ...base, [k]: 1.5 } });
    } else if (type === 'boolean') {
      out.push({ why: `${k} as string`, args: { ...base, [k]: 'yes please' } });
    } else if (type === 'array') {
      out.push({ why: `${k} as string`, args: { ...base, [k]: 'not-an-array' } });
      out.push({ why: `${k} with wrong items`, args: { ...base, [k]: [{}, 42, null] } });
    }
  }
  return out;
}

describe('bad input for every tool', () => {
  let sandbox: SandboxServer;
  let t: TestApp;

  beforeAll(async () => {
    sandbox = await SandboxServer.start({ size: 'tiny', seed: 13, rateLimitPerMinute: 0 });
    t = await startTestApp('pglite', { CLICKUP_API_TOKEN: sandbox.ownerToken, CLICKUP_API_BASE_URL: sandbox.baseUrl });
    expect((await t.app.get(SyncRunnerService).runNow('full', 'test')).run?.status).toBe('succeeded');
  });
  afterAll(async () => {
    await t?.close();
    await sandbox?.close();
  });

  it('refuses every generated invalid call with a clean tool error; nothing reaches ClickUp; the server stays up', async () => {
    const c = await connectClient('http', { url: t.url });
    const { tools } = await c.listTools();
    const [before] = await t.ds.query(`SELECT count(*)::int AS tasks, (SELECT count(*)::int FROM time_entries) AS entries FROM tasks`);
    sandbox.resetStats();
    let calls = 0;
    for (const tool of tools) {
      for (const { why, args } of invalidCalls(tool)) {
        const r = await c.callTool({ name: tool.name, arguments: args });
        calls++;
        const text = (r.content as { text: string }[])[0]?.text ?? '';
        expect({ tool: tool.name, why, isError: r.isError === true }).toEqual({ tool: tool.name, why, isError: true });
        // A stack frame looks like "at fn (file.ts:12:3)"; sentences may well contain "at the end (…)".
        expect(text).not.toMatch(/\bat \S+ \([^)]*:\d+:\d+\)|SELECT |INSERT |pk_/);
      }
    }
    // Not one write (or any request) reached ClickUp.
    expect(sandbox.stats().requests).toBe(0);
    expect(calls).toBeGreaterThan(tools.length * 2);
    process.stderr.write(`bad-input: ${calls} invalid calls across ${tools.length} tools, all refused as tool errors\n`);
    const [after] = await t.ds.query(`SELECT count(*)::int AS tasks, (SELECT count(*)::int FROM time_entries) AS entries FROM tasks`);
    expect(after).toEqual(before);
    await c.close();
  });

  it('injection-looking and unknown names in read tools are errors or harmless results, never crashes', async () => {
    const c = await connectClient('http', { url: t.url });
    const { tools } = await c.listTools();
    let calls = 0;
    for (const tool of tools.filter((x) => x.annotations?.readOnlyHint === true)) {
      const props = (tool.inputSchema.properties ?? {}) as Record<string, Prop>;
      const strings = Object.entries(props)
        .filter(([, p]) => p.type === 'string' && !p.enum)
        .map(([k]) => k);
      for (const field of strings) {
        for (const value of [...INJECTIONS, 'zz-no-such-thing-42']) {
          const required = (tool.inputSchema.required ?? []) as string[];
          const args: Record<string, unknown> = Object.fromEntries(required.map((k) => [k, 'x']));
          args[field] = value;
          const r = await c.callTool({ name: tool.name, arguments: args });
          calls++;
          const text = (r.content as { text: string }[])[0]?.text ?? '';
          expect(text).not.toMatch(/Internal error|\bat \S+ \([^)]*:\d+:\d+\)|syntax error|pk_/);
        }
      }
    }
    process.stderr.write(`bad-input: ${calls} injection-looking/unknown-name calls, no internal errors\n`);
    const [{ n }] = await t.ds.query(`SELECT count(*)::int AS n FROM tasks`);
    expect(n).toBeGreaterThan(0);
    expect((await fetch(`${t.url}/health`)).status).toBe(200);
    await c.close();
  });
});
