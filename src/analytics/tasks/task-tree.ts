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
  /** Some children are not shown (node limit or depth limit); childCount and descendantCount say how many there are. */
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
 * ClickUp should never produce — are cut instead of looping. At most `maxDepth` levels below
 * the roots and `nodeLimit` nodes are shown, the shallowest levels first (breadth first); the
 * cut parents say so, and roll-ups and totals always cover the full forest.
 */
export function buildForest<T extends TreeInput>(
  nodes: T[],
  rootIds: string[],
  nodeLimit = Number.POSITIVE_INFINITY,
  maxDepth = Number.POSITIVE_INFINITY,
): Forest<T> {
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
      task: t,
      rollupMs: r.rollupMs,
      estimateRollupMs: r.estimateRollupMs,
      runningInTree: r.running,
      childCount: (children.get(t.id) ?? []).filter((c) => rolled.has(c.id)).length,
      descendantCount: r.descendants,
      children: [],
      childrenTruncated: false,
    };
  };

  // Breadth first, so a cut keeps the top of every tree rather than one deep branch.
  const placed = new Set<string>();
  const out: TreeNode<T>[] = [];
  const queue: { node: TreeNode<T>; depth: number }[] = [];
  let truncated = false;
  for (const id of roots) {
    if (placed.size >= nodeLimit) {
      truncated = true;
      break;
    }
    const node = make(byId.get(id)!);
    placed.add(id);
    out.push(node);
    queue.push({ node, depth: 0 });
  }
  for (let i = 0; i < queue.length; i++) {
    const { node: parent, depth } = queue[i];
    for (const c of children.get(parent.task.id) ?? []) {
      if (placed.has(c.id) || !rolled.has(c.id)) continue;
      if (placed.size >= nodeLimit || depth >= maxDepth) {
        parent.childrenTruncated = true;
        truncated = true;
        break;
      }
      const node = make(c);
      placed.add(c.id);
      parent.children.push(node);
      queue.push({ node, depth: depth + 1 });
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

/**
 * The nodes minus every archived task below the roots and everything under it (rule 4: a tree
 * hides archived subtasks as any listing hides archived tasks). The roots, chosen by the caller,
 * stay. A parent outside the node set ends the walk up; a parent cycle is cut.
 */
export function withoutArchivedBranches<T extends TreeInput & { archived: boolean }>(nodes: T[], rootIds: string[]): T[] {
  const roots = new Set(rootIds);
  const byId = new Map(nodes.map((n) => [n.id, n]));
  const hidden = new Map<string, boolean>();
  const isHidden = (start: T): boolean => {
    const chain: string[] = [];
    let verdict = false;
    for (let cur: T | undefined = start; cur; cur = cur.parentId === null ? undefined : byId.get(cur.parentId)) {
      const known = hidden.get(cur.id);
      if (known !== undefined) {
        verdict = known;
        break;
      }
      if (roots.has(cur.id) || chain.includes(cur.id)) break;
      chain.push(cur.id);
      if (cur.archived) {
        verdict = true;
        break;
      }
    }
    for (const id of chain) hidden.set(id, verdict);
    return verdict;
  };
  return nodes.filter((n) => !isHidden(n));
}
