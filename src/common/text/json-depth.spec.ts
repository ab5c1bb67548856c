import { jsonDepthExceeds } from './json-depth';

const nest = (n: number): unknown => {
  let v: unknown = 1;
  for (let i = 0; i < n; i++) v = i % 2 ? [v] : { k: v };
  return v;
};

describe('jsonDepthExceeds', () => {
  it.each([
    [null, 1, false],
    ['text', 1, false],
    [{}, 1, false],
    [{ a: {} }, 1, true],
    [nest(64), 64, false],
    [nest(65), 64, true],
    [nest(10_000), 64, true],
    [{ jsonrpc: '2.0', params: { arguments: { people: ['a', 'b'], filter: { x: [1, 2] } } } }, 64, false],
  ])('%#: depth limit %p', (value, max, exceeds) => {
    expect(jsonDepthExceeds(value, max as number)).toBe(exceeds);
  });

  it('walks a million-deep array without overflowing', () => {
    expect(jsonDepthExceeds(nest(1_000_000))).toBe(true);
  });
});
