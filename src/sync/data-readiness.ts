/**
 * How complete the mirror is, in one sentence a person (or a small model) reads before any
 * number: until a first full sync has succeeded, counts and totals come from a half-filled
 * database and must say so.
 */
export interface ReadinessFacts {
  complete: boolean;
  /** The run holding the workspace right now (full read in progress), if any. */
  running: { runId: number; kind: string; phase: string | null; done: number | null; total: number | null; tasksRead: number | null } | null;
  /** ClickUp's own task counts summed over the synced lists; null before the hierarchy is read. */
  tasksExpected: number | null;
  /** The newest finished full/reconcile run (to say why there is no complete data yet). */
  lastAttempt: { runId: number; status: string; error: string | null } | null;
}

const n = (x: number) => x.toLocaleString('en-US');
const INCOMPLETE = 'numbers are incomplete';
const HOW_TO_START = 'start one with trigger_sync (kind full), POST /sync/full or `npm run sync -- full`';

/** Null once complete; otherwise the sentence every read result carries. */
export function readinessWarning(f: ReadinessFacts): string | null {
  if (f.complete) return null;
  const r = f.running;
  if (r) {
    if (r.phase === 'tasks' && r.done !== null) {
      const read =
        f.tasksExpected === null
          ? `${n(r.done)} tasks read (total not known yet)`
          : r.done < f.tasksExpected
            ? `${n(r.done)} of ~${n(f.tasksExpected)} tasks read`
            : `${n(r.done)} tasks read (the lists announced ~${n(f.tasksExpected)})`;
      return `first sync in progress: ${read} — ${INCOMPLETE}`;
    }
    if (r.phase === 'time entries') {
      const tasks = r.tasksRead !== null ? `${n(r.tasksRead)} tasks read; ` : '';
      const window = r.done !== null && r.total ? ` (window ${n(r.done)} of ~${n(r.total)})` : '';
      return `first sync in progress: ${tasks}reading time entries${window} — ${INCOMPLETE}`;
    }
    return `first sync in progress: reading spaces, folders and lists — ${INCOMPLETE}`;
  }
  const last = f.lastAttempt;
  const why = last ? ` (the last one, run ${last.runId}, ended ${last.status}${last.error ? `: ${clip(last.error)}` : ''})` : '';
  return `no full sync has completed yet${why} — ${INCOMPLETE}; ${HOW_TO_START}`;
}

/** The refusal of a report that would otherwise print totals from incomplete data. */
export function notReportableMessage(warning: string): string {
  return (
    `${warning[0].toUpperCase()}${warning.slice(1)}. This report needs complete data: ask again when the first full sync has ` +
    'finished (get_sync_status or GET /sync/status shows its progress).'
  );
}

function clip(s: string, max = 160): string {
  const one = s.replace(/\s+/g, ' ').trim();
  return one.length > max ? `${one.slice(0, max)}…` : one;
}
