import { buildForest, TreeInput, TreeNode, withoutArchivedBranches } from './task-tree';

const H = 3_600_000;
const n = (id: string, parentId: string | null, directH: number, estimateH: number | null = null, running = false): TreeInput => ({
  id,
  parentId,
  directMs: directH * H,
  timeEstimate: estimateH === null ? null : estimateH * H,
  running,
});

/** id → [rollup h, estimate rollup h, descendants] for every node shown. */
function summary(roots: TreeNode<TreeInput>[]): Record<string, [number, number, number]> {
  const out: Record<string, [number, number, number]> = {};
  const walk = (x: TreeNode<TreeInput>) => {
    out[x.task.id] = [x.rollupMs / H, x.estimateRollupMs / H, x.descendantCount];
    x.children.forEach(walk);
  };
  roots.forEach(walk);
  return out;
}

describe('buildForest', () => {
  // A ─┬─ B ── D        (D may live in another list: only parent links matter)
  //    └─ C
  // E (separate tree)
  const nodes = [n('A', null, 1, 2), n('B', 'A', 2, 1), n('C', 'A', 0.5), n('D', 'B', 3, 4), n('E', null, 1)];

  it.each<[string, string[], Record<string, [number, number, number]>]>([
    ['one tree rolls up every depth', ['A'], { A: [6.5, 7, 3], B: [5, 5, 1], C: [0.5, 0, 0], D: [3, 4, 0] }],
    ['a subtree root', ['B'], { B: [5, 5, 1], D: [3, 4, 0] }],
    ['a leaf', ['D'], { D: [3, 4, 0] }],
    ['two trees', ['A', 'E'], { A: [6.5, 7, 3], B: [5, 5, 1], C: [0.5, 0, 0], D: [3, 4, 0], E: [1, 0, 0] }],
    ['a root below another root is shown once, under its parent', ['D', 'A'], { A: [6.5, 7, 3], B: [5, 5, 1], C: [0.5, 0, 0], D: [3, 4, 0] }],
    ['unknown roots are ignored', ['Z', 'E'], { E: [1, 0, 0] }],
  ])('%s', (_why, roots, expected) => {
    const f = buildForest(nodes, roots);
    expect(summary(f.roots)).toEqual(expected);
    expect(f.truncated).toBe(false);
  });

  it('totals sum direct time once per task (no double counting)', () => {
    const f = buildForest(nodes, ['D', 'A', 'E']);
    expect(f.roots.map((r) => r.task.id)).toEqual(['A', 'E']);
    expect(f.totalNodes).toBe(5);
    expect(f.totalDirectMs).toBe(7.5 * H);
    expect(f.totalEstimateMs).toBe(7 * H);
    expect(f.totalDirectMs).toBe(f.roots.reduce((s, r) => s + r.rollupMs, 0));
  });

  it('flags a running timer anywhere below a node', () => {
    const f = buildForest([n('A', null, 1), n('B', 'A', 1), n('C', 'B', 1, null, true), n('D', 'A', 1)], ['A']);
    const [a] = f.roots;
    expect(a.runningInTree).toBe(true);
    expect(a.children.map((c) => [c.task.id, c.runningInTree])).toEqual([
      ['B', true],
      ['D', false],
    ]);
  });

  it('keeps the shallowest levels when the node limit cuts, with roll-ups of the full tree', () => {
    const f = buildForest(nodes, ['A', 'E'], 4);
    expect(f.truncated).toBe(true);
    expect(f.shownNodes).toBe(4);
    expect(f.totalNodes).toBe(5);
    const [a, e] = f.roots;
    expect(a.children.map((c) => c.task.id)).toEqual(['B', 'C']);
    expect(a.rollupMs).toBe(6.5 * H);
    const b = a.children[0];
    expect(b.children).toEqual([]);
    expect(b.childCount).toBe(1);
    expect(b.childrenTruncated).toBe(true);
    expect(e.task.id).toBe('E');
  });

  it('drops whole roots when the limit is smaller than the root count', () => {
    const f = buildForest(nodes, ['A', 'E'], 1);
    expect(f.roots.map((r) => r.task.id)).toEqual(['A']);
    expect(f.roots[0].childrenTruncated).toBe(true);
    expect(f.truncated).toBe(true);
  });

  it('shows at most maxDepth levels below the roots; the folded parents say so, roll-ups stay whole', () => {
    const f = buildForest(nodes, ['A', 'E'], Number.POSITIVE_INFINITY, 1);
    expect(summary(f.roots)).toEqual({ A: [6.5, 7, 3], B: [5, 5, 1], C: [0.5, 0, 0], E: [1, 0, 0] });
    const b = f.roots[0].children[0];
    expect([b.children, b.childCount, b.descendantCount, b.childrenTruncated]).toEqual([[], 1, 1, true]);
    expect([f.shownNodes, f.totalNodes, f.truncated]).toEqual([4, 5, true]);
    expect(buildForest(nodes, ['A'], Number.POSITIVE_INFINITY, 0).roots[0]).toMatchObject({
      children: [],
      childCount: 2,
      descendantCount: 3,
      childrenTruncated: true,
    });
    expect(buildForest(nodes, ['A', 'E'], Number.POSITIVE_INFINITY, 2).truncated).toBe(false);
  });

  it('survives a parent cycle', () => {
    const f = buildForest([n('A', 'B', 1), n('B', 'A', 2)], ['A']);
    expect(f.roots.map((r) => r.task.id)).toEqual(['A']);
    expect(f.roots[0].rollupMs).toBe(3 * H);
    expect(f.roots[0].children.map((c) => c.task.id)).toEqual(['B']);
  });
});

describe('withoutArchivedBranches', () => {
  const t = (id: string, parentId: string | null, archived = false) => ({ ...n(id, parentId, 1), archived });
  // A ─┬─ B (archived) ── D ── F
  //    └─ C
  // E (archived root)
  const nodes = [t('A', null), t('B', 'A', true), t('C', 'A'), t('D', 'B'), t('F', 'D'), t('E', null, true)];

  it.each<[string, string[], string[]]>([
    ['an archived subtask goes, with everything under it', ['A'], ['A', 'C']],
    ['the roots stay even when archived', ['A', 'E'], ['A', 'C', 'E']],
    ['a root below an archived task stays, with its own subtree', ['A', 'D'], ['A', 'C', 'D', 'F']],
    ['unarchived nodes stay wherever they are', ['C'], ['A', 'C']],
  ])('%s', (_why, roots, kept) => {
    expect(
      withoutArchivedBranches(nodes, roots)
        .map((x) => x.id)
        .sort(),
    ).toEqual(kept);
  });

  it('cuts a parent cycle instead of looping', () => {
    expect(withoutArchivedBranches([t('A', 'B'), t('B', 'A')], ['A']).map((x) => x.id)).toEqual(['A', 'B']);
  });
});
