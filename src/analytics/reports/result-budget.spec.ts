import { listAt, shrinkToFit, Tier } from './result-budget';

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

  /** The measure-every-round algorithm the length bookkeeping replaced: the cuts must be the same. */
  function reference(result: unknown, tiers: Tier[], maxChars: number): boolean {
    let cut = false;
    for (const tier of tiers) {
      for (let round = 0; round < 100; round++) {
        if (JSON.stringify(result).length <= maxChars) return cut;
        const lists = tier().filter((l) => l.items.length > l.min);
        if (!lists.length) break;
        const longest = Math.max(...lists.map((l) => l.items.length));
        const cap = Math.min(longest - 1, Math.floor(longest * 0.75));
        for (const l of lists) if (l.items.length > cap) l.keep(Math.max(l.min, cap));
        cut = true;
      }
    }
    return cut;
  }

  const report = (people: number, tasks: number) => ({
    total: people,
    people: Array.from({ length: people }, (_, p) => ({
      ...item(p),
      tasks: Array.from({ length: tasks + (p % 3) }, (_, t) => ({ id: `t${p}-${t}`, name: 'é"\\n'.repeat(t % 4), time: t % 2 ? null : '1h 2m' })),
      projects: Array.from({ length: p % 6 }, (_, j) => ({ id: j, name: `project ${j}` })),
    })),
    idle: Array.from({ length: people % 40 }, (_, i) => `idle person ${i}`),
  });
  type Report = ReturnType<typeof report>;
  const tiersOf = (r: Report, floor: number): Tier[] => [
    () => r.people.map((p) => listAt(p, 'tasks', floor)),
    () => r.people.map((p) => listAt(p, 'projects', floor)),
    () => [listAt(r, 'idle', floor * 10)],
    () => [listAt(r, 'people', 3)],
  ];

  it.each([
    [250, 5, 1, 7600],
    [250, 5, 0, 7600],
    [40, 12, 1, 3000],
    [7, 3, 1, 2000],
    [3, 0, 0, 100],
    [120, 2, 2, 20000],
  ])('cuts exactly what measuring every round cut: %i people × %i tasks, floor %i, %i chars', (people, tasks, floor, max) => {
    const fast = report(people, tasks);
    const slow = report(people, tasks);
    expect(shrinkToFit(fast, tiersOf(fast, floor), max)).toBe(reference(slow, tiersOf(slow, floor), max));
    expect(JSON.stringify(fast)).toBe(JSON.stringify(slow));
  });

  it('confirms a fit by measuring: a list outside the answer cannot end the cutting early', () => {
    const r = { people: Array.from({ length: 400 }, (_, i) => item(i)) };
    const detached = { people: Array.from({ length: 400 }, (_, i) => item(i)) };
    shrinkToFit(r, [() => [listAt(detached, 'people', 1)], () => [listAt(r, 'people', 1)]], 4000);
    expect(JSON.stringify(r).length).toBeLessThanOrEqual(4000);
    expect(r.people.length).toBeGreaterThan(10);
  });
});
