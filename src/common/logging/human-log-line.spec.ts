import { humanLogLine } from './human-log-line';

const at = new Date(2026, 0, 5, 14, 3, 9).getTime();
const line = (o: Record<string, unknown>) => JSON.stringify({ time: at, pid: 1, hostname: 'h', ...o });

describe('humanLogLine', () => {
  it.each([
    [{ level: 30, context: 'Sync', msg: 'Run 3: full succeeded in 812 ms' }, '14:03:09 Sync: Run 3: full succeeded in 812 ms\n'],
    [{ level: 40, context: 'DemoSandbox', msg: 'DEMO MODE' }, '14:03:09 WARN DemoSandbox: DEMO MODE\n'],
    [
      { level: 30, msg: 'request completed', req: { method: 'GET', url: '/sync/status' }, res: { statusCode: 401 }, responseTime: 3.4 },
      '14:03:09 GET /sync/status → 401 (3 ms)\n',
    ],
    [{ level: 40, context: 'Sync', msg: 'Run 4 failed', err: { message: 'ECONNREFUSED' } }, '14:03:09 WARN Sync: Run 4 failed — ECONNREFUSED\n'],
    [
      { level: 50, context: 'McpTools', msg: 'boom', err: { message: 'boom', stack: 'Error: boom\n    at x (y.js:1:1)' } },
      '14:03:09 ERROR McpTools: boom\n    at x (y.js:1:1)\n',
    ],
  ])('%j', (record, expected) => {
    expect(humanLogLine(line(record), { quietInfo: false })).toBe(expected);
  });

  it("drops Nest's module and route chatter, and info lines before the start-up summary", () => {
    expect(humanLogLine(line({ level: 30, context: 'RouterExplorer', msg: 'Mapped {/sse, GET} route' }), { quietInfo: false })).toBeNull();
    expect(humanLogLine(line({ level: 30, context: 'InstanceLoader', msg: 'AppModule dependencies initialized' }), { quietInfo: false })).toBeNull();
    expect(humanLogLine(line({ level: 30, context: 'McpTools', msg: '28 MCP tools registered' }), { quietInfo: true })).toBeNull();
    expect(humanLogLine(line({ level: 40, context: 'DemoSandbox', msg: 'DEMO MODE' }), { quietInfo: true })).toContain('WARN DemoSandbox');
  });

  it('passes a line that is not JSON through', () => {
    expect(humanLogLine('plain text', { quietInfo: false })).toBe('plain text\n');
  });
});
