import { stripNul, stripNulDeep } from './strip-nul';

describe('stripNul', () => {
  it.each([
    ['a\u0000b', 'ab'],
    ['\u0000\u0000', ''],
    ['plain', 'plain'],
    ['', ''],
  ])('%j → %j', (input, out) => expect(stripNul(input)).toBe(out));
});

describe('stripNulDeep', () => {
  it('cleans strings and keys at any depth and keeps everything else', () => {
    const d = new Date(0);
    const input = { name: 'a\u0000b', n: 1, d, tags: ['x\u0000', 'y'], raw: { ['k\u0000']: { v: 'z\u0000z' } }, none: null };
    expect(stripNulDeep(input)).toEqual({ name: 'ab', n: 1, d, tags: ['x', 'y'], raw: { k: { v: 'zz' } }, none: null });
    expect(stripNulDeep(input).d).toBe(d);
    // The input itself is not modified.
    expect(input.name).toBe('a\u0000b');
  });

  it('returns the same reference when there is no NUL (no copying on the hot path)', () => {
    const input = { a: 'x', b: [{ c: 'y' }], d: new Date(1) };
    expect(stripNulDeep(input)).toBe(input);
  });

  it('stops at a bounded depth instead of overflowing the stack', () => {
    let deep: unknown = 'leaf\u0000';
    for (let i = 0; i < 10_000; i++) deep = [deep];
    expect(() => stripNulDeep(deep)).not.toThrow();
  });
});
