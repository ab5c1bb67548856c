import { listAt, shrinkToFit } from './result-budget';

const item = (i: number) => ({ id: i, name: `person number ${i}`, ms: i * 1000 });

describe('shrinkToFit', () => {
  it('leaves a small answer alone', () => {
    const r = { total: 3, people: [item(1), item(2), item(3)] };
    expect(shrinkToFit(r, () => [listAt(r, 'people')], 8000)).toBe(false);
    expect(r.people).toHaveLength(3);
  });

  it('cuts the biggest list until the answer fits, keeping totals', () => {
    const r = { total: 500, people: Array.from({ length: 500 }, (_, i) => item(i)), days: Array.from({ length: 31 }, (_, i) => i) };
    expect(shrinkToFit(r, () => [listAt(r, 'people'), listAt(r, 'days', 31)], 8000)).toBe(true);
    expect(JSON.stringify(r).length).toBeLessThanOrEqual(8000);
    expect(r.people.length).toBeGreaterThan(50);
    expect(r.days).toHaveLength(31);
    expect(r.total).toBe(500);
    // first items kept, in order
    expect(r.people[0]).toEqual(item(0));
  });

  it('cuts nested lists too and stops at the floors', () => {
    const r = { groups: Array.from({ length: 20 }, (_, g) => ({ g, people: Array.from({ length: 50 }, (_, i) => item(i)) })) };
    const cut = shrinkToFit(r, () => [listAt(r, 'groups', 5), ...r.groups.map((g) => listAt(g, 'people', 2))], 3000);
    expect(cut).toBe(true);
    expect(r.groups.length).toBeGreaterThanOrEqual(5);
    expect(r.groups.every((g) => g.people.length >= 2)).toBe(true);
    expect(JSON.stringify(r).length).toBeLessThanOrEqual(3000);
  });

  it('gives up at the floors rather than loop forever', () => {
    const r = { people: Array.from({ length: 10 }, (_, i) => item(i)) };
    expect(shrinkToFit(r, () => [listAt(r, 'people', 10)], 100)).toBe(false);
    expect(r.people).toHaveLength(10);
  });
});
