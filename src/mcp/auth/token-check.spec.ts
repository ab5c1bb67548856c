import { checkBearer, hostAllowed, originAllowed } from './token-check';

const tokens = [
  { name: 'lm', token: 'read-token-0123456789', scope: 'read' as const, expiresAt: null },
  { name: 'old', token: 'expired-token-0123456789', scope: 'write' as const, expiresAt: Date.parse('2026-01-01T00:00:00Z') },
];

describe('checkBearer', () => {
  const now = Date.parse('2026-11-22T00:00:00Z');
  it.each([
    [undefined, { ok: false, reason: 'missing' }],
    ['Basic abc', { ok: false, reason: 'missing' }],
    ['Bearer nope', { ok: false, reason: 'invalid' }],
    ['Bearer read-token-012345678', { ok: false, reason: 'invalid' }],
    ['Bearer expired-token-0123456789', { ok: false, reason: 'expired', name: 'old' }],
  ])('%p → %p', (header, verdict) => {
    expect(checkBearer(header, tokens, now)).toEqual(verdict);
  });
  it('accepts a configured token, case-insensitive scheme', () => {
    expect(checkBearer('bearer read-token-0123456789', tokens, now)).toEqual({ ok: true, token: tokens[0] });
  });
});

describe('originAllowed', () => {
  it.each([
    [undefined, true],
    ['http://localhost:3000', true],
    ['http://127.0.0.1', true],
    ['http://[::1]:8001', true],
    ['https://evil.example', false],
    ['http://localhost.evil.example', false],
    ['https://app.example.com', true],
  ])('%p → %p', (origin, ok) => {
    expect(originAllowed(origin, ['https://app.example.com/'])).toBe(ok);
  });
});

describe('hostAllowed', () => {
  const allowed = ['mcp.example.com', 'proxy.example:8443'];
  it.each([
    [undefined, true],
    ['localhost:8001', true],
    ['LOCALHOST', true],
    ['app.localhost:3000', true],
    ['127.0.0.1:8001', true],
    ['192.168.1.20:8001', true],
    ['[::1]:8001', true],
    ['[fe80::1]', true],
    ['mcp.example.com', true],
    ['MCP.example.com.:8001', true],
    ['proxy.example:8443', true],
    ['proxy.example:8001', false],
    ['proxy.example', false],
    ['evil.example:8001', false],
    ['localhost.evil.example', false],
    ['127.0.0.1.evil.example', false],
    ['mcp.example.com.evil.example', false],
    ['bad host', false],
    ['a@b', false],
  ])('%p → %p', (host, ok) => {
    expect(hostAllowed(host, allowed)).toBe(ok);
  });
});
