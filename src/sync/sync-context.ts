import { ClickupTeam } from '../clickup/clickup.types';
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
}

/** One line, no stack, no secrets (the client's errors never carry the token). */
export function describeError(e: unknown): string {
  if (e instanceof SyncCancelledError) return e.message;
  if (e instanceof Error) return `${e.name}: ${e.message}`.slice(0, 2000);
  return String(e).slice(0, 2000);
}
