/**
 * Workload per person (get_workload): open tasks and their estimate, and time logged. The two
 * halves come from different facts — assignments and time entries (attributed to who logged
 * them, rule 3) — so a person may appear with time but no open task, or the reverse.
 */
export interface OpenWorkRow {
  /** null: the unassigned tasks. */
  userId: number | null;
  name: string | null;
  email: string | null;
  openTasks: number;
  /** Each task's estimate split evenly among its assignees (rule 4). */
  openEstimateMs: number;
}

export interface LoggedTimeRow {
  userId: number;
  name: string | null;
  email: string | null;
  loggedMs: number;
  running: boolean;
}

export interface WorkloadPerson {
  id: number;
  name: string;
  email: string | null;
  openTasks: number;
  openEstimateMs: number;
  loggedMs: number;
  timerRunning: boolean;
}

export interface WorkloadSummary {
  people: WorkloadPerson[];
  unassigned: { openTasks: number; openEstimateMs: number };
}

export function mergeWorkload(open: OpenWorkRow[], logged: LoggedTimeRow[]): WorkloadSummary {
  const people = new Map<number, WorkloadPerson>();
  const person = (id: number, name: string | null, email: string | null): WorkloadPerson => {
    let p = people.get(id);
    if (!p) {
      // A former member keeps their time entries: still show who it was, by id if nothing else.
      p = { id, name: name ?? email ?? `user ${id}`, email, openTasks: 0, openEstimateMs: 0, loggedMs: 0, timerRunning: false };
      people.set(id, p);
    }
    return p;
  };
  const unassigned = { openTasks: 0, openEstimateMs: 0 };
  for (const r of open) {
    if (r.userId === null) {
      unassigned.openTasks += r.openTasks;
      unassigned.openEstimateMs += r.openEstimateMs;
      continue;
    }
    const p = person(r.userId, r.name, r.email);
    p.openTasks += r.openTasks;
    p.openEstimateMs += r.openEstimateMs;
  }
  for (const r of logged) {
    const p = person(r.userId, r.name, r.email);
    p.loggedMs += r.loggedMs;
    p.timerRunning ||= r.running;
  }
  const list = [...people.values()]
    .map((p) => ({ ...p, openEstimateMs: Math.round(p.openEstimateMs), loggedMs: Math.round(p.loggedMs) }))
    .sort((a, b) => b.openTasks - a.openTasks || b.loggedMs - a.loggedMs || a.name.localeCompare(b.name) || a.id - b.id);
  return { people: list, unassigned: { openTasks: unassigned.openTasks, openEstimateMs: Math.round(unassigned.openEstimateMs) } };
}
