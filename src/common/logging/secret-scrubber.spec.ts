import { databaseUrlPassword, SecretScrubber } from './secret-scrubber';

describe('SecretScrubber', () => {
  it('replaces every registered secret, longest first, in strings and nested objects', () => {
    const s = new SecretScrubber();
    s.register('pk_123_ABCDEFG', 'pk_123_ABCDEFGHIJ', undefined, 'abc');
    expect(s.scrub('token pk_123_ABCDEFGHIJ and pk_123_ABCDEFG')).toBe('token [REDACTED] and [REDACTED]');
    expect(s.scrub('abc stays: too short to be a secret')).toBe('abc stays: too short to be a secret');
    expect(s.scrubDeep({ a: ['x pk_123_ABCDEFG'], b: { c: 'pk_123_ABCDEFG' }, n: 1 })).toEqual({
      a: ['x [REDACTED]'],
      b: { c: '[REDACTED]' },
      n: 1,
    });
  });

  it('extracts the password from a database URL', () => {
    expect(databaseUrlPassword('postgres://u:s%40cret@h:5432/db')).toBe('s@cret');
    expect(databaseUrlPassword('postgres://u@h/db')).toBeUndefined();
    expect(databaseUrlPassword(undefined)).toBeUndefined();
  });
});
