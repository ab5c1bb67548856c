import { Injectable, Logger } from '@nestjs/common';
import { AppConfig } from '../config/app-config';
import { localDate } from '../common/time/zoned-date';
import { SnapshotRepository } from './repositories/snapshot.repository';
import { SyncRunRepository, SyncTrigger } from './repositories/sync-run.repository';
import { describeError } from './sync-context';

export interface SnapshotResult {
  runId: number;
  date: string;
  timeZone: string;
  tasks: number;
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
    const day = date ?? localDate(nowMs, tz);
    const workspaces = await this.repo.workspaceIds();
    const run = await this.runs.start(workspaces[0] ?? null, 'snapshot', trigger);
    try {
      let tasks = 0;
      for (const ws of workspaces) tasks += await this.repo.snapshotDay(ws, day, tz, nowMs);
      await this.runs.finish(run.id, {
        status: 'succeeded', counts: { snapshotRows: tasks }, requests: 0, rateLimited: 0, retries: 0, error: null,
        details: { date: day, timeZone: tz },
      });
      this.logger.log(`Snapshot of ${day} (${tz}): ${tasks} tasks`);
      return { runId: run.id, date: day, timeZone: tz, tasks };
    } catch (e) {
      await this.runs.finish(run.id, { status: 'failed', counts: {}, requests: 0, rateLimited: 0, retries: 0, error: describeError(e) });
      throw e;
    }
  }
}
