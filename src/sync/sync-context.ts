import { ClickupTeam, SkippedItem } from '../clickup/clickup.types';
import { StatusCategory } from '../common/status-category';

export interface SyncProgressEvent {
  runId: number;
  kind: string;
  phase: string;
  done: number;
  total: number | null;
  message: string;
}

export type SyncProgressListener = (e: SyncProgressEvent) => void;

/** A record ClickUp sent that could not be read or stored: left out of the run, reported in its details. */
export interface SkippedRecord {
  entity: 'task' | 'time entry';
  id: string | null;
  field: string;
  reason: string;
  endpoint: string;
}

/** Skipped records listed one by one in a run's details; beyond this only the count grows. */
const MAX_SKIPPED_LISTED = 100;

/** The process is shutting down: the run stops at its next progress point. */
export class SyncCancelledError extends Error {
  constructor() {
    super('Cancelled: the process shut down while this run was going; the next run starts from the last committed cursor.');
    this.name = 'SyncCancelledError';
  }
}

/** Everything a syncer needs for one run; counts and warnings accumulate here. */
export class SyncContext {
  readonly counts: Record<string, number> = {};
  readonly warnings: string[] = [];
  /** Units that failed: the run is then 'partial' and nothing was deleted on their behalf. */
  readonly failures: { unit: string; error: string }[] = [];
  /** Records left out because they could not be parsed or mapped (the rest of their page was kept). */
  readonly skipped: SkippedRecord[] = [];
  private skippedCount = 0;
  /** What this run deliberately did not read (a configured history limit), for its summary. */
  excluded: string | null = null;

  constructor(
    readonly runId: number,
    readonly kind: string,
    readonly team: ClickupTeam,
    readonly statusOverrides: Readonly<Record<string, StatusCategory>>,
    private readonly listener: SyncProgressListener,
    private readonly persistProgress: (details: Record<string, unknown>, counts: Record<string, number>) => void,
    private readonly signal?: AbortSignal,
  ) {}

  get workspaceId(): string {
    return this.team.id;
  }

  add(key: string, n: number): void {
    this.counts[key] = (this.counts[key] ?? 0) + n;
  }

  /** Reports progress; every syncer calls it after each page or window, so it is where a cancelled run stops. */
  progress(phase: string, done: number, total: number | null, message: string): void {
    this.throwIfCancelled();
    this.listener({ runId: this.runId, kind: this.kind, phase, done, total, message });
    this.persistProgress({ phase, done, total, message }, this.counts);
  }

  throwIfCancelled(): void {
    if (this.signal?.aborted) throw new SyncCancelledError();
  }

  fail(unit: string, error: unknown): void {
    this.failures.push({ unit, error: describeError(error) });
  }

  /** Reports a record that was left out; the run goes on with the others. */
  skip(entity: SkippedRecord['entity'], item: Omit<SkippedItem, 'index'>): void {
    this.skippedCount++;
    this.add(entity === 'task' ? 'tasksSkipped' : 'timeEntriesSkipped', 1);
    if (this.skipped.length < MAX_SKIPPED_LISTED) {
      this.skipped.push({ entity, id: item.id, field: item.field, reason: item.reason, endpoint: item.endpoint });
    }
  }

  /** The warning lines a run ends with, the skipped-record summary included. */
  allWarnings(): string[] {
    if (!this.skippedCount) return this.warnings;
    const shown = this.skipped.slice(0, 5).map((s) => `${s.entity} ${s.id ?? '(no id)'} (${s.field}: ${s.reason})`).join('; ');
    const more = this.skippedCount > 5 ? ` and ${this.skippedCount - 5} more` : '';
    return [
      ...this.warnings,
      `Skipped ${this.skippedCount} record(s) ClickUp sent in a shape that could not be read: ${shown}${more}. The rest of their pages was stored; details.skipped lists them.`,
    ];
  }
}

/** One line, no stack, no secrets (the client's errors never carry the token). */
export function describeError(e: unknown): string {
  if (e instanceof SyncCancelledError) return e.message;
  if (e instanceof Error) return `${e.name}: ${e.message}`.slice(0, 2000);
  return String(e).slice(0, 2000);
}
