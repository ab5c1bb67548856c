import { listAt, shrinkToFit } from './result-budget';

const item = (i: number) => ({ id: i, name: `person number ${i}`, ms: i * 1000 });

describe('shrinkToFit', () => {
  it('leaves a small answer alone', () => {
    const r = { total: 3, people: [item(1), item(2), item(3)] };
    expect(shrinkToFit(r, [() => [listAt(r, 'people')]], 8000)).toBe(false);
    expect(r.people).toHaveLength(3);
  });

  it('cuts a list until the answer fits, keeping totals and the first items in order', () => {
    const r = { total: 500, people: Array.from({ length: 500 }, (_, i) => item(i)), days: Array.from({ length: 31 }, (_, i) => i) };
    expect(shrinkToFit(r, [() => [listAt(r, 'days', 31)], () => [listAt(r, 'people')]], 8000)).toBe(true);
    expect(JSON.stringify(r).length).toBeLessThanOrEqual(8000);
    expect(r.people.length).toBeGreaterThan(50);
    expect(r.days).toHaveLength(31);
    expect(r.total).toBe(500);
    expect(r.people[0]).toEqual(item(0));
  });

  it('cuts detail evenly before whole rows', () => {
    const r = { groups: Array.from({ length: 20 }, (_, g) => ({ g, people: Array.from({ length: 50 }, (_, i) => item(i)) })) };
    const cut = shrinkToFit(r, [() => r.groups.map((g) => listAt(g, 'people', 2)), () => [listAt(r, 'groups', 5)]], 6000);
    expect(cut).toBe(true);
    expect(JSON.stringify(r).length).toBeLessThanOrEqual(6000);
    expect(r.groups).toHaveLength(20);
    expect(new Set(r.groups.map((g) => g.people.length)).size).toBe(1);
    expect(r.groups[0].people.length).toBeGreaterThanOrEqual(2);
  });

  it('moves to the next tier once detail is at its floor', () => {
    const r = { groups: Array.from({ length: 40 }, (_, g) => ({ g, people: Array.from({ length: 5 }, (_, i) => item(i)) })) };
    shrinkToFit(r, [() => r.groups.map((g) => listAt(g, 'people', 2)), () => [listAt(r, 'groups', 5)]], 3000);
    expect(r.groups.every((g) => g.people.length === 2)).toBe(true);
    expect(r.groups.length).toBeLessThan(40);
    expect(r.groups.length).toBeGreaterThanOrEqual(5);
  });

  it('gives up at the floors rather than loop forever', () => {
    const r = { people: Array.from({ length: 10 }, (_, i) => item(i)) };
    expect(shrinkToFit(r, [() => [listAt(r, 'people', 10)]], 100)).toBe(false);
    expect(r.people).toHaveLength(10);
  });
});
