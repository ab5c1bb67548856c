import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';

export interface EntityCounts {
  workspaces: number;
  members: number;
  spaces: number;
  folders: number;
  lists: number;
  tasks: number;
  tasksDeleted: number;
  timeEntries: number;
  timeEntriesDeleted: number;
  runningTimers: number;
  snapshotDays: number;
}

/** What the database holds: counts for /sync/status and the MCP status tools. */
@Injectable()
export class SyncStatusRepository {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  async counts(): Promise<EntityCounts> {
    const [r] = await this.ds.query(`SELECT
      (SELECT count(*) FROM workspaces WHERE deleted_at IS NULL) AS workspaces,
      (SELECT count(*) FROM members WHERE removed_at IS NULL) AS members,
      (SELECT count(*) FROM spaces WHERE deleted_at IS NULL) AS spaces,
      (SELECT count(*) FROM folders WHERE deleted_at IS NULL) AS folders,
      (SELECT count(*) FROM lists WHERE deleted_at IS NULL) AS lists,
      (SELECT count(*) FROM tasks WHERE deleted_at IS NULL) AS tasks,
      (SELECT count(*) FROM tasks WHERE deleted_at IS NOT NULL) AS tasks_deleted,
      (SELECT count(*) FROM time_entries WHERE deleted_at IS NULL) AS time_entries,
      (SELECT count(*) FROM time_entries WHERE deleted_at IS NOT NULL) AS time_entries_deleted,
      (SELECT count(*) FROM time_entries WHERE deleted_at IS NULL AND running) AS running_timers,
      (SELECT count(DISTINCT snapshot_date) FROM task_snapshots) AS snapshot_days`);
    return {
      workspaces: Number(r.workspaces), members: Number(r.members), spaces: Number(r.spaces), folders: Number(r.folders),
      lists: Number(r.lists), tasks: Number(r.tasks), tasksDeleted: Number(r.tasks_deleted), timeEntries: Number(r.time_entries),
      timeEntriesDeleted: Number(r.time_entries_deleted), runningTimers: Number(r.running_timers), snapshotDays: Number(r.snapshot_days),
    };
  }

  /** Newest synced_at per entity table: when each entity was last written by a sync. */
  async lastWritten(): Promise<Record<string, string | null>> {
    const [r] = await this.ds.query(`SELECT
      (SELECT max(synced_at) FROM members) AS members,
      (SELECT max(synced_at) FROM lists) AS hierarchy,
      (SELECT max(synced_at) FROM tasks) AS tasks,
      (SELECT max(synced_at) FROM time_entries) AS time_entries`);
    const iso = (v: unknown) => (v ? new Date(v as string).toISOString() : null);
    return { members: iso(r.members), hierarchy: iso(r.hierarchy), tasks: iso(r.tasks), timeEntries: iso(r.time_entries) };
  }

  async primaryWorkspaceId(): Promise<string | null> {
    const [r] = await this.ds.query(`SELECT id FROM workspaces WHERE deleted_at IS NULL ORDER BY synced_at DESC LIMIT 1`);
    return r?.id ?? null;
  }
}
