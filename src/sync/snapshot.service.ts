import { Injectable, Logger } from '@nestjs/common';
import * as os from 'node:os';
import { AppConfig } from '../config/app-config';
import { addDays, localDate } from '../common/time/zoned-date';
import { DomainError } from '../common/errors/domain-error';
import { DATE_RANGE_TEXT, isSupportedDay } from '../common/limits';
import { SnapshotRepository } from './repositories/snapshot.repository';
import { SyncRunRepository, SyncTrigger } from './repositories/sync-run.repository';
import { describeError } from './sync-context';

export interface SnapshotResult {
  runId: number;
  date: string;
  timeZone: string;
  tasks: number;
  /** With SYNC_SNAPSHOT_KEEP_DAYS: the first day kept, and the rows of older days deleted now. */
  keptFrom?: string;
  pruned?: number;
}

/** The daily task snapshot: database-only work, recorded as a run of kind 'snapshot'. */
@Injectable()
export class SnapshotService {
  private readonly logger = new Logger('Snapshot');

  constructor(
    private readonly cfg: AppConfig,
    private readonly repo: SnapshotRepository,
    private readonly runs: SyncRunRepository,
  ) {}

  async snapshot(trigger: SyncTrigger, date?: string, nowMs = Date.now()): Promise<SnapshotResult> {
    const tz = this.cfg.sync.timeZone;
    if (date !== undefined && !isSupportedDay(date)) {
      throw new DomainError(`date '${date.slice(0, 40)}' is not a calendar day ${DATE_RANGE_TEXT}: use YYYY-MM-DD, e.g. 2026-02-28.`);
    }
    const day = date ?? localDate(nowMs, tz);
    const keep = this.cfg.sync.snapshotKeepDays;
    const keptFrom = keep === null ? undefined : addDays(localDate(nowMs, tz), -(keep - 1));
    if (keptFrom !== undefined && day < keptFrom) {
      throw new DomainError(
        `date ${day} is before the snapshots kept: SYNC_SNAPSHOT_KEEP_DAYS=${keep} keeps ${keptFrom} to today (${tz}); pass a later date or raise the setting.`,
      );
    }
    const workspaces = await this.repo.workspaceIds();
    // The owner is the process (hostname:pid), so a snapshot cut off by a crash is found at start-up.
    const run = await this.runs.start(workspaces[0] ?? null, 'snapshot', trigger, `${os.hostname()}:${process.pid}:snapshot`);
    try {
      let tasks = 0;
      let pruned = 0;
      for (const ws of workspaces) {
        tasks += await this.repo.snapshotDay(ws, day, tz, nowMs);
        if (keptFrom !== undefined) pruned += await this.repo.pruneBefore(ws, keptFrom);
      }
      const retention = keptFrom === undefined ? null : { keptFrom, pruned };
      await this.runs.finish(run.id, {
        status: 'succeeded',
        counts: { snapshotRows: tasks, ...(retention && { snapshotRowsPruned: pruned }) },
        requests: 0,
        rateLimited: 0,
        retries: 0,
        error: null,
        details: { date: day, timeZone: tz, ...(retention && { keptFrom }) },
      });
      this.logger.log(`Snapshot of ${day} (${tz}): ${tasks} tasks${pruned ? `; ${pruned} rows of days before ${keptFrom} deleted` : ''}`);
      return { runId: run.id, date: day, timeZone: tz, tasks, ...retention };
    } catch (e) {
      await this.runs.finish(run.id, { status: 'failed', counts: {}, requests: 0, rateLimited: 0, retries: 0, error: describeError(e) });
      throw e;
    }
  }
}
