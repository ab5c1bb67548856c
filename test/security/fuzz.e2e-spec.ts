import { SandboxServer } from '../../src/sandbox/sandbox-server';
import { SyncRunnerService } from '../../src/sync/sync-runner.service';
import { startTestApp, TestApp } from '../support/test-app';
import { LEAK, openSession, prng, report, rpcMessages, send, sessionHeaders } from './security-support';

interface Prop {
  type?: string | string[];
  enum?: unknown[];
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  minLength?: number;
  maxLength?: number;
  pattern?: string;
  items?: Prop;
  maxItems?: number;
  anyOf?: Prop[];
  description?: string;
}
interface ToolInfo {
  name: string;
  inputSchema: { properties?: Record<string, Prop>; required?: string[] };
}
/** `ignored_unknown`: a result although an argument the tool does not have was sent — a confident wrong answer. */
type Outcome = 'ok' | 'clean_error' | 'internal_error' | 'ignored_unknown' | 'crash';

/**
 * Bounded in count and time, however many tools exist: up to 60 calls per tool, at least 15,
 * within a time budget shared evenly by the tools (20 s by default); a few hundred REST
 * requests. Seeded, so a failure replays (FUZZ_SEED); FUZZ_CALLS and FUZZ_BUDGET_MS widen a run.
 */
const CALLS_PER_TOOL = Number(process.env.FUZZ_CALLS ?? 60);
const MIN_CALLS_PER_TOOL = 15;
const BUDGET_MS = Number(process.env.FUZZ_BUDGET_MS ?? 20_000);
const SEED = Number(process.env.FUZZ_SEED ?? 1313);

const NASTY_STRINGS = [
  '',
  ' ',
  '\u0000',
  'a\u0000b',
  'x'.repeat(10_000),
  "'; DROP TABLE tasks; --",
  '%_%',
  '\\',
  '"',
  '../../etc/passwd',
  '__proto__',
  'constructor',
  '${process.env.CLICKUP_API_TOKEN}',
  '<script>alert(1)</script>',
  '🦄'.repeat(50),
  '\u202e\u0645\u0631\u062d\u0628\u0627',
  'e\u0301'.repeat(20),
  '\ud800',
  '9999-12-31',
  '0000-00-00',
  '2026-02-30',
  '1969-12-31',
  '2100-12-31',
  '2101-01-01',
  '2026-W99',
  '2026-13',
  'next friday',
  '-1',
  '1e400',
  '2026-03-31T25:61:00Z',
  '+275760-09-13',
  'none',
  'NaN',
  'Infinity',
  'null',
  'true',
  '{}',
  '[]',
  '999999999999',
  '99999h',
  '1:99',
  '0m',
];
const NASTY_NUMBERS = [0, -1, 1.5, -0.0001, 1e308, -1e308, 2 ** 31, 2 ** 53 + 2, Number.MAX_SAFE_INTEGER, 366, 1441, 100_000];

/**
 * A fuzzer over every registered tool (whatever tools exist when it runs: tools added later are
 * fuzzed too), driven by each tool's published input schema: near-valid argument sets with one
 * or two mutations (wrong types, boundaries, hostile and absurd strings, unknown and misspelt
 * keys, missing fields) plus non-object `arguments`. Every answer must be a result or a clean
 * error: an "Internal error", a -32603, a stack or SQL in the text, or a server that stops
 * answering fails the suite.
 */
describe('fuzz every tool and REST route', () => {
  let sandbox: SandboxServer;
  let t: TestApp;
  let sid: string;
  const counts: Record<Outcome, number> = { ok: 0, clean_error: 0, internal_error: 0, ignored_unknown: 0, crash: 0 };
  const rest = { requests: 0, clean_4xx: 0, ok: 0, server_errors: 0 };
  const problems: string[] = [];

  beforeAll(async () => {
    sandbox = await SandboxServer.start({ size: 'tiny', seed: 41, rateLimitPerMinute: 0 });
    t = await startTestApp('pglite', { CLICKUP_API_TOKEN: sandbox.ownerToken, CLICKUP_API_BASE_URL: sandbox.baseUrl, CLICKUP_MAX_RETRIES: '0' });
    expect((await t.app.get(SyncRunnerService).runNow('full', 'test')).run?.status).toBe('succeeded');
    sid = await openSession(t.url, {});
  });
  afterAll(async () => {
    report('fuzz', {
      tool_calls: counts.ok + counts.clean_error + counts.internal_error + counts.ignored_unknown + counts.crash,
      ok: counts.ok,
      clean_errors: counts.clean_error,
      internal_errors: counts.internal_error,
      ignored_unknown_arguments: counts.ignored_unknown,
      crashes: counts.crash,
      rest_requests: rest.requests,
      rest_clean_4xx: rest.clean_4xx,
      rest_ok: rest.ok,
      rest_server_errors: rest.server_errors,
    });
    await t?.close();
    await sandbox?.close();
  });

  async function callTool(name: string, args: unknown, known: string[]): Promise<Outcome> {
    let text: string;
    try {
      const r = await send(`${t.url}/mcp`, {
        method: 'POST',
        headers: sessionHeaders(sid),
        body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'tools/call', params: { name, arguments: args } }),
        signal: AbortSignal.timeout(30_000),
      });
      if (r.status >= 500) return note('crash', name, args, `HTTP ${r.status}`);
      text = r.text;
    } catch (e) {
      return note('crash', name, args, (e as Error).message);
    }
    const [m] = rpcMessages(text);
    if (!m) return note('crash', name, args, 'no JSON-RPC answer');
    if (m.error) {
      // Invalid params (-32602), or a body refused as too large (-32600), in one sentence: a clean refusal. -32603 is not.
      if (![-32602, -32600].includes(m.error.code) || /\n/.test(m.error.message) || LEAK.test(m.error.message))
        return note('internal_error', name, args, `${m.error.code} ${m.error.message}`);
      return 'clean_error';
    }
    const result = m.result as { isError?: boolean; content: { text: string }[]; structuredContent?: unknown };
    const body = result.content.map((c) => c.text).join('\n');
    if (result.isError) {
      if (/Internal error/.test(body) || /\n/.test(body) || LEAK.test(body)) return note('internal_error', name, args, body);
      return 'clean_error';
    }
    if (result.structuredContent === undefined) return note('internal_error', name, args, 'a result without structuredContent');
    const unknown = args && typeof args === 'object' && !Array.isArray(args) ? Object.keys(args).filter((k) => !known.includes(k)) : [];
    if (unknown.length) return note('ignored_unknown', name, args, `answered although ${unknown.join(', ')} is not an argument`);
    return 'ok';
  }

  function note(outcome: Outcome, name: string, args: unknown, detail: string): Outcome {
    problems.push(`${outcome} ${name} ${JSON.stringify(args)?.slice(0, 200)}: ${detail.slice(0, 300)}`);
    return outcome;
  }

  it('every tool answers every fuzzed call with a result or a clean one-sentence error', async () => {
    const r = await send(`${t.url}/mcp`, {
      method: 'POST',
      headers: sessionHeaders(sid),
      body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'tools/list' }),
    });
    const tools = (rpcMessages(r.text)[0].result as { tools: ToolInfo[] }).tools;
    expect(tools.length).toBeGreaterThanOrEqual(20);
    const rand = prng(SEED);
    const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)];
    const d = sandbox.store.dump();
    const realNames = [
      d.tasks[0].id,
      d.tasks[1].customId ?? d.tasks[1].id,
      d.lists[0].name,
      d.spaces[0].name,
      d.folders[0]?.name ?? 'x',
      d.members[0].username ?? 'x',
    ];

    const valid = (p: Prop): unknown => {
      const type = Array.isArray(p.type) ? p.type[0] : p.type;
      if (p.enum) return pick(p.enum);
      if (p.anyOf) return valid(pick(p.anyOf));
      if (type === 'integer' || type === 'number') {
        const lo = p.minimum ?? (p.exclusiveMinimum !== undefined ? p.exclusiveMinimum + 1 : 0);
        const hi = Math.min(p.maximum ?? lo + 100, lo + 100);
        return Math.floor(lo + rand() * (hi - lo + 1));
      }
      if (type === 'boolean') return rand() < 0.5;
      if (type === 'array') return Array.from({ length: Math.floor(rand() * 3) }, () => valid(p.items ?? { type: 'string' }));
      if (p.pattern?.includes('\\d{4}-\\d{2}-\\d{2}') || /YYYY-MM-DD/.test(p.description ?? '')) return pick(['2026-03-31', '2026-11-22', 'none']);
      if (p.pattern?.includes('\\d{2}:\\d{2}')) return pick(['09:30', '17:00']);
      return pick(realNames);
    };
    const mutate = (p: Prop): unknown => {
      switch (Math.floor(rand() * 6)) {
        case 0:
          return pick(NASTY_STRINGS);
        case 1:
          return pick(NASTY_NUMBERS);
        case 2:
          return pick([null, true, false, [], {}, [null], { $gt: '' }, [pick(NASTY_STRINGS)]]);
        case 3:
          return p.maxLength !== undefined ? 'y'.repeat(p.maxLength + 1) : pick(NASTY_STRINGS);
        case 4:
          return Array.from({ length: 300 }, () => pick(NASTY_STRINGS.filter((x) => x.length < 100)));
        default:
          return p.maximum !== undefined ? p.maximum + 1 : p.minimum !== undefined ? p.minimum - 1 : pick(NASTY_NUMBERS);
      }
    };

    const perToolMs = BUDGET_MS / tools.length;
    for (const tool of tools) {
      const props = tool.inputSchema.properties ?? {};
      const keys = Object.keys(props);
      const required = tool.inputSchema.required ?? [];
      const started = Date.now();
      for (let i = 0; i < CALLS_PER_TOOL && (i < MIN_CALLS_PER_TOOL || Date.now() - started < perToolMs); i++) {
        let args: unknown;
        const roll = rand();
        if (roll < 0.06) {
          // Non-object arguments, as small models send them.
          args = pick([null, [], [1, 2], 'get everything', 42, true, JSON.stringify(Object.fromEntries(required.map((k) => [k, valid(props[k])])))]);
        } else {
          const a: Record<string, unknown> = {};
          for (const k of keys) if (required.includes(k) || rand() < 0.4) a[k] = valid(props[k]);
          const mutations = 1 + Math.floor(rand() * 2);
          for (let m = 0; m < mutations; m++) {
            const what = rand();
            if (what < 0.12 && keys.length) delete a[pick(keys)];
            else if (what < 0.24)
              a[
                pick([
                  `${pick(keys.length ? keys : ['x'])}_name`,
                  `${pick(keys.length ? keys : ['x'])}s`,
                  'id',
                  'query',
                  'filter',
                  '__proto__',
                  'constructor',
                ])
              ] = pick(NASTY_STRINGS);
            else if (keys.length) {
              const k = pick(keys);
              a[k] = mutate(props[k]);
            }
          }
          args = a;
        }
        counts[await callTool(tool.name, args, keys)]++;
      }
    }
    const health = await send(`${t.url}/health`);
    expect(health.status).toBe(200);
    expect({ internal: counts.internal_error, ignored: counts.ignored_unknown, crash: counts.crash, problems: problems.slice(0, 20) }).toEqual({
      internal: 0,
      ignored: 0,
      crash: 0,
      problems: [],
    });
  }, 170_000);

  it('every published argument is bounded: numbers have a range, strings a length, lists a size (tools added later too)', async () => {
    const r = await send(`${t.url}/mcp`, {
      method: 'POST',
      headers: sessionHeaders(sid),
      body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'tools/list' }),
    });
    const tools = (rpcMessages(r.text)[0].result as { tools: ToolInfo[] }).tools;
    const unbounded: string[] = [];
    const visit = (where: string, p: Prop) => {
      if (p.anyOf) return p.anyOf.forEach((x, i) => visit(`${where}|${i}`, x));
      const type = Array.isArray(p.type) ? p.type[0] : p.type;
      if ((type === 'number' || type === 'integer') && (p.maximum === undefined || (p.minimum === undefined && p.exclusiveMinimum === undefined)))
        unbounded.push(`${where}: number without a range`);
      if (type === 'string' && !p.enum && p.maxLength === undefined) unbounded.push(`${where}: string without maxLength`);
      if (type === 'array') {
        if (p.maxItems === undefined) unbounded.push(`${where}: list without maxItems`);
        if (p.items) visit(`${where}[]`, p.items);
      }
    };
    for (const tool of tools) for (const [k, p] of Object.entries(tool.inputSchema.properties ?? {})) visit(`${tool.name}.${k}`, p);
    expect(unbounded).toEqual([]);
  });

  it('every REST route answers fuzzed parameters with 2xx or a clean 4xx, never 5xx', async () => {
    const doc = (await (await fetch(`${t.url}/docs-json`)).json()) as {
      paths: Record<string, Record<string, { parameters?: { name: string; in: string }[] }>>;
    };
    const rand = prng(SEED + 1);
    const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)];
    const values = [
      ...NASTY_STRINGS.filter((s) => s.length < 200),
      ...NASTY_NUMBERS.map(String),
      'true',
      'false',
      '99999999999999999999',
      '-99999999999999999999',
      '0x1F',
      '1e3',
    ];
    const failures: string[] = [];
    // A lone surrogate cannot be URI-encoded: send the invalid UTF-8 bytes instead; some raw escapes are malformed on purpose.
    const RAW = ['%', '%zz', '%ED%A0%80', '%C0%AF', '%FF', '%00%00'];
    const enc = (v: string) => {
      if (rand() < 0.1) return pick(RAW);
      try {
        return encodeURIComponent(v);
      } catch {
        return '%ED%A0%80';
      }
    };
    for (const [path, ops] of Object.entries(doc.paths)) {
      if (/^\/(mcp|sse|messages)$/.test(path)) continue;
      for (const [method, op] of Object.entries(ops)) {
        // Side effects stay cheap: POSTs get fuzzed query strings too, but each runs a few times only.
        const tries = method === 'get' ? 25 : 6;
        for (let i = 0; i < tries; i++) {
          let url = path.replace(/\{(\w+)\}/g, () => enc(pick(values)));
          const query = (op.parameters ?? []).filter((p) => p.in === 'query').map((p) => `${p.name}=${enc(pick(values))}`);
          if (rand() < 0.3) query.push(`${pick(['kind', 'limit', 'q', 'date', 'wait', '__proto__'])}[]=${enc(pick(values))}`);
          if (query.length) url += `?${query.join('&')}`;
          rest.requests++;
          const r = await send(`${t.url}${url}`, { method: method.toUpperCase(), signal: AbortSignal.timeout(30_000) });
          if (r.status >= 500 || LEAK.test(r.text)) {
            rest.server_errors++;
            failures.push(`${method.toUpperCase()} ${url}: ${r.status} ${r.text.slice(0, 200)}`);
          } else if (r.status >= 400) rest.clean_4xx++;
          else rest.ok++;
        }
      }
    }
    expect(failures).toEqual([]);
    expect((await send(`${t.url}/health`)).status).toBe(200);
  }, 120_000);
});
