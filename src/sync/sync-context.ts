import { Logger } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { ClickupError } from '../clickup/clickup.errors';
import { ClickupTeam, SkippedItem } from '../clickup/clickup.types';
import { DomainError } from '../common/errors/domain-error';
import { secretScrubber } from '../common/logging/secret-scrubber';
import { StatusCategory } from '../common/status-category';
import { TaskMappingError } from './mappers/task.mapper';
import { TimeEntryMappingError } from './mappers/time-entry.mapper';

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
    const shown = this.skipped
      .slice(0, 5)
      .map((s) => `${s.entity} ${s.id ?? '(no id)'} (${s.field}: ${s.reason})`)
      .join('; ');
    const more = this.skippedCount > 5 ? ` and ${this.skippedCount - 5} more` : '';
    return [
      ...this.warnings,
      `Skipped ${this.skippedCount} record(s) ClickUp sent in a shape that could not be read: ${shown}${more}. The rest of their pages was stored; details.skipped lists them.`,
    ];
  }
}

const logger = new Logger('Sync');

/**
 * What a run records and shows (sync_runs.error, trigger_sync, get_sync_status, /health) about
 * a failure: one line a client may read. Our own errors (a ClickUp refusal, a bad payload, a
 * configuration problem) are already such sentences. Anything else — a database error, a bug —
 * would show internals (`QueryFailedError: invalid byte sequence…`, SQL, paths): its detail goes
 * to the log under a reference, and the run says only what kind of failure it was.
 */
export function describeError(e: unknown): string {
  if (e instanceof SyncCancelledError) return e.message;
  if (e instanceof ClickupError || e instanceof DomainError || e instanceof TaskMappingError || e instanceof TimeEntryMappingError) {
    return secretScrubber.scrub(e.message).replace(/\s+/g, ' ').slice(0, 2000);
  }
  const ref = randomUUID().slice(0, 8);
  logger.error(`[${ref}] ${secretScrubber.scrub(e instanceof Error ? (e.stack ?? `${e.name}: ${e.message}`) : String(e))}`);
  const kind = e instanceof Error && e.name === 'QueryFailedError' ? 'a database error' : 'an internal error';
  return `${kind} (reference ${ref}; the server log has the details)`;
}
