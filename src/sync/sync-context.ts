import { Logger } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { ClickupError } from '../clickup/clickup.errors';
import { ClickupTeam } from '../clickup/clickup.types';
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

/** Everything a syncer needs for one run; counts and warnings accumulate here. */
export class SyncContext {
  readonly counts: Record<string, number> = {};
  readonly warnings: string[] = [];
  /** Units that failed: the run is then 'partial' and nothing was deleted on their behalf. */
  readonly failures: { unit: string; error: string }[] = [];

  constructor(
    readonly runId: number,
    readonly kind: string,
    readonly team: ClickupTeam,
    readonly statusOverrides: Readonly<Record<string, StatusCategory>>,
    private readonly listener: SyncProgressListener,
    private readonly persistProgress: (details: Record<string, unknown>, counts: Record<string, number>) => void,
  ) {}

  get workspaceId(): string {
    return this.team.id;
  }

  add(key: string, n: number): void {
    this.counts[key] = (this.counts[key] ?? 0) + n;
  }

  progress(phase: string, done: number, total: number | null, message: string): void {
    this.listener({ runId: this.runId, kind: this.kind, phase, done, total, message });
    this.persistProgress({ phase, done, total, message }, this.counts);
  }

  fail(unit: string, error: unknown): void {
    this.failures.push({ unit, error: describeError(error) });
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
  if (e instanceof ClickupError || e instanceof DomainError || e instanceof TaskMappingError || e instanceof TimeEntryMappingError) {
    return secretScrubber.scrub(e.message).replace(/\s+/g, ' ').slice(0, 2000);
  }
  const ref = randomUUID().slice(0, 8);
  logger.error(`[${ref}] ${secretScrubber.scrub(e instanceof Error ? (e.stack ?? `${e.name}: ${e.message}`) : String(e))}`);
  const kind = e instanceof Error && e.name === 'QueryFailedError' ? 'a database error' : 'an internal error';
  return `${kind} (reference ${ref}; the server log has the details)`;
}
