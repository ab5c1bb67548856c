import { databaseUrlPassword, SecretScrubber } from './secret-scrubber';

describe('SecretScrubber', () => {
  it('replaces every registered secret, longest first', () => {
    const s = new SecretScrubber();
    s.register('pk_123_ABCDEFG', 'pk_123_ABCDEFGHIJ', undefined, 'abc');
    expect(s.scrub('token pk_123_ABCDEFGHIJ and pk_123_ABCDEFG')).toBe('token [REDACTED] and [REDACTED]');
    expect(s.scrub('abc stays: too short to be a secret')).toBe('abc stays: too short to be a secret');
  });

  it('also finds a secret as JSON escapes it inside a serialized log line', () => {
    const s = new SecretScrubber();
    s.register('pa"ss\\word');
    const line = JSON.stringify({ msg: 'connect failed for pa"ss\\word' });
    expect(s.scrub(line)).toBe(JSON.stringify({ msg: 'connect failed for [REDACTED]' }));
    expect(JSON.parse(s.scrub(line))).toEqual({ msg: 'connect failed for [REDACTED]' });
  });

  it('extracts the password from a database URL', () => {
    expect(databaseUrlPassword('postgres://u:s%40cret@h:5432/db')).toBe('s@cret');
    expect(databaseUrlPassword('postgres://u@h/db')).toBeUndefined();
    expect(databaseUrlPassword(undefined)).toBeUndefined();
  });
});
