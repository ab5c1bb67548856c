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

/**
 * What the database holds: counts for /sync/status and the MCP status tools. Tasks and time
 * entries are counted by the trigger-kept counters (task_counts, time_entry_counts): a count(*)
 * over a million time entries took ~0.5–1.5 s per call.
 */
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
      (SELECT coalesce(sum(n), 0) FROM task_counts WHERE NOT deleted) AS tasks,
      (SELECT coalesce(sum(n), 0) FROM task_counts WHERE deleted) AS tasks_deleted,
      (SELECT coalesce(sum(n), 0) FROM time_entry_counts WHERE NOT deleted) AS time_entries,
      (SELECT coalesce(sum(n), 0) FROM time_entry_counts WHERE deleted) AS time_entries_deleted,
      (SELECT coalesce(sum(n), 0) FROM time_entry_counts WHERE NOT deleted AND running) AS running_timers,
      -- Distinct days by skipping through the primary key (snapshot_date first): one probe per day,
      -- not a scan of every task of every day.
      (WITH RECURSIVE d(day) AS (
         SELECT min(snapshot_date) FROM task_snapshots
         UNION ALL
         SELECT (SELECT min(snapshot_date) FROM task_snapshots WHERE snapshot_date > d.day) FROM d WHERE d.day IS NOT NULL
       ) SELECT count(day) FROM d) AS snapshot_days`);
    return {
      workspaces: Number(r.workspaces),
      members: Number(r.members),
      spaces: Number(r.spaces),
      folders: Number(r.folders),
      lists: Number(r.lists),
      tasks: Number(r.tasks),
      tasksDeleted: Number(r.tasks_deleted),
      timeEntries: Number(r.time_entries),
      timeEntriesDeleted: Number(r.time_entries_deleted),
      runningTimers: Number(r.running_timers),
      snapshotDays: Number(r.snapshot_days),
    };
  }

  /** Newest synced_at per entity table: when each entity was last written by a sync. */
  async lastWritten(): Promise<Record<string, string | null>> {
    const [r] = await this.ds.query(`SELECT
      (SELECT max(synced_at) FROM members) AS members,
      (SELECT max(synced_at) FROM lists) AS hierarchy,
      (SELECT max(last_synced_at) FROM task_counts) AS tasks,
      (SELECT max(last_synced_at) FROM time_entry_counts) AS time_entries`);
    const iso = (v: unknown) => (v ? new Date(v as string).toISOString() : null);
    return { members: iso(r.members), hierarchy: iso(r.hierarchy), tasks: iso(r.tasks), timeEntries: iso(r.time_entries) };
  }

  async primaryWorkspaceId(): Promise<string | null> {
    const [r] = await this.ds.query<{ id: string }[]>(`SELECT id FROM workspaces WHERE deleted_at IS NULL ORDER BY synced_at DESC LIMIT 1`);
    return r?.id ?? null;
  }
}
