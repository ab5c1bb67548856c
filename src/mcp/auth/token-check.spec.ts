import { checkBearer, originAllowed } from './token-check';

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
