import { moreHint, pageOf } from './page';

describe('pageOf', () => {
  const all = Array.from({ length: 25 }, (_, i) => i);
  it.each([
    [
      0,
      10,
      {
        items: [0, 1, 2, 3, 4, 5, 6, 7, 8, 9],
        total: 25,
        truncated: true,
        offset: 0,
        hint: 'Showing 1–10 of 25: pass offset 10 for the next ones, or narrow.',
      },
    ],
    [20, 10, { items: [20, 21, 22, 23, 24], total: 25, truncated: false, offset: 20, hint: null }],
    [0, 50, { items: all, total: 25, truncated: false, offset: 0, hint: null }],
    [30, 10, { items: [], total: 25, truncated: false, offset: 30, hint: null }],
  ])('offset %p, limit %p', (offset, limit, expected) => {
    expect(pageOf(all, offset, limit, 'narrow')).toEqual(expected);
  });

  it('an empty list is complete', () => {
    expect(pageOf([], 0, 10, 'x')).toEqual({ items: [], total: 0, truncated: false, offset: 0, hint: null });
  });

  it('the hint names the next offset only when there is more', () => {
    expect(moreHint(0, 15, 100, 'narrow with `list`')).toBe('Showing 1–15 of 100: pass offset 15 for the next ones, or narrow with `list`.');
    expect(moreHint(90, 10, 100, 'narrow with `list`')).toBe('Showing 91–100 of 100: narrow with `list`.');
  });
});
