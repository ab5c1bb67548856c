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

/** One line, no stack, no secrets (the client's errors never carry the token). */
export function describeError(e: unknown): string {
  if (e instanceof Error) return `${e.name}: ${e.message}`.slice(0, 2000);
  return String(e).slice(0, 2000);
}
