/**
 * Parent/child trees of tasks with time and estimate roll-ups (docs/tools.md rule 4):
 * `direct` is what sits on a task itself, `rollup` is direct plus the rollup of every subtask at
 * any depth, wherever the subtask lives. Pure: the repository supplies the flat node set (the
 * roots and all their descendants), this turns it into nested trees.
 */
export interface TreeInput {
  id: string;
  parentId: string | null;
  directMs: number;
  /** The task's own time_estimate; null when it has none. */
  timeEstimate: number | null;
  /** A timer is running on this task right now. */
  running: boolean;
}

export interface TreeNode<T extends TreeInput> {
  task: T;
  rollupMs: number;
  estimateRollupMs: number;
  /** A timer runs on this task or any task below it. */
  runningInTree: boolean;
  /** Direct children in the full tree (not only the ones shown). */
  childCount: number;
  /** All tasks below this one in the full tree. */
  descendantCount: number;
  children: TreeNode<T>[];
  /** Some children were left out to stay within the node limit. */
  childrenTruncated: boolean;
}

export interface Forest<T extends TreeInput> {
  roots: TreeNode<T>[];
  /** Distinct tasks in the full forest. */
  totalNodes: number;
  /** Nodes included in `roots` (≤ nodeLimit). */
  shownNodes: number;
  truncated: boolean;
  /** Σ direct over the distinct tasks of the forest: a total that never double counts. */
  totalDirectMs: number;
  totalEstimateMs: number;
}

interface Rolled {
  rollupMs: number;
  estimateRollupMs: number;
  running: boolean;
  descendants: number;
}

/**
 * Builds the forest under `rootIds`. Children keep the order of `nodes`. A root that also sits
 * below another root is shown only there (so each task appears once), and parent cycles — which
 * ClickUp should never produce — are cut instead of looping. When the forest has more than
 * `nodeLimit` nodes, the shallowest levels are kept (breadth first) and the cut parents say so;
 * roll-ups always cover the full forest.
 */
export function buildForest<T extends TreeInput>(nodes: T[], rootIds: string[], nodeLimit = Number.POSITIVE_INFINITY): Forest<T> {
  const byId = new Map(nodes.map((n) => [n.id, n]));
  const children = new Map<string, T[]>();
  for (const n of nodes) {
    if (n.parentId === null || !byId.has(n.parentId) || n.parentId === n.id) continue;
    const list = children.get(n.parentId) ?? [];
    list.push(n);
    children.set(n.parentId, list);
  }

  const rootSet = new Set(rootIds.filter((id) => byId.has(id)));
  const roots = [...rootSet].filter((id) => !hasAncestorIn(id, byId, rootSet));

  const rolled = new Map<string, Rolled>();
  const visiting = new Set<string>();
  const roll = (id: string): Rolled => {
    const done = rolled.get(id);
    if (done) return done;
    const t = byId.get(id)!;
    visiting.add(id);
    const r: Rolled = { rollupMs: t.directMs, estimateRollupMs: t.timeEstimate ?? 0, running: t.running, descendants: 0 };
    for (const c of children.get(id) ?? []) {
      if (visiting.has(c.id)) continue; // a cycle: stop here rather than count forever
      const cr = roll(c.id);
      r.rollupMs += cr.rollupMs;
      r.estimateRollupMs += cr.estimateRollupMs;
      r.running ||= cr.running;
      r.descendants += 1 + cr.descendants;
    }
    visiting.delete(id);
    rolled.set(id, r);
    return r;
  };
  for (const id of roots) roll(id);

  const make = (t: T): TreeNode<T> => {
    const r = rolled.get(t.id)!;
    return {
      task: t, rollupMs: r.rollupMs, estimateRollupMs: r.estimateRollupMs, runningInTree: r.running,
      childCount: (children.get(t.id) ?? []).filter((c) => rolled.has(c.id)).length, descendantCount: r.descendants,
      children: [], childrenTruncated: false,
    };
  };

  // Breadth first, so a cut keeps the top of every tree rather than one deep branch.
  const placed = new Set<string>();
  const out: TreeNode<T>[] = [];
  const queue: TreeNode<T>[] = [];
  let truncated = false;
  for (const id of roots) {
    if (placed.size >= nodeLimit) {
      truncated = true;
      break;
    }
    const node = make(byId.get(id)!);
    placed.add(id);
    out.push(node);
    queue.push(node);
  }
  for (let i = 0; i < queue.length; i++) {
    const parent = queue[i];
    for (const c of children.get(parent.task.id) ?? []) {
      if (placed.has(c.id) || !rolled.has(c.id)) continue;
      if (placed.size >= nodeLimit) {
        parent.childrenTruncated = true;
        truncated = true;
        break;
      }
      const node = make(c);
      placed.add(c.id);
      parent.children.push(node);
      queue.push(node);
    }
  }

  let totalDirectMs = 0;
  let totalEstimateMs = 0;
  for (const id of rolled.keys()) {
    const t = byId.get(id)!;
    totalDirectMs += t.directMs;
    totalEstimateMs += t.timeEstimate ?? 0;
  }
  return { roots: out, totalNodes: rolled.size, shownNodes: placed.size, truncated, totalDirectMs, totalEstimateMs };
}

function hasAncestorIn<T extends TreeInput>(id: string, byId: Map<string, T>, set: Set<string>): boolean {
  const seen = new Set([id]);
  let cur = byId.get(id)?.parentId ?? null;
  while (cur !== null && byId.has(cur) && !seen.has(cur)) {
    if (set.has(cur)) return true;
    seen.add(cur);
    cur = byId.get(cur)!.parentId;
  }
  return false;
}
