import { Injectable } from '@nestjs/common';
import { ClickupClient } from '../../clickup/clickup.client';
import { ClickupNotFoundError } from '../../clickup/clickup.errors';
import { ClickupTask, TaskListingFilters } from '../../clickup/clickup.types';
import { mapTask, TaskMapContext } from '../mappers/task.mapper';
import { TaskBundle } from '../model/sync-rows';
import { TaskWriteRepository } from '../repositories/task-write.repository';
import { SyncContext } from '../sync-context';
import { readAllPages } from './page-reader';

export interface TaskReadResult {
  /** Every task id ClickUp returned (only meaningful when complete). */
  seen: Set<string>;
  /** Newest date_updated among them: the next incremental cursor. */
  maxUpdated: number | null;
  written: number;
  /** list id → list name as the task payloads carry it (a cheap rename/move signal). */
  listNames: Map<string, string>;
}

export interface ListLocation {
  folderId: string | null;
  spaceId: string;
}

/** Everything a sync must send to see every task: subtasks and closed ones are hidden by default. */
const ALL: TaskListingFilters = { subtasks: true, includeClosed: true, orderBy: 'created', reverse: true };

/**
 * Tasks are written in batches of this many (3 pages). Each pending task holds its parsed payload
 * (kept as `raw`) until written: with 1,000 the batches lived long enough to be promoted into the
 * old generation, and a 100,000-task sync peaked ~150 MB higher in RSS for no gain in speed
 * (measured: docs/benchmarks.md).
 */
const WRITE_BATCH = 300;

@Injectable()
export class TaskSyncer {
  constructor(
    private readonly client: ClickupClient,
    private readonly repo: TaskWriteRepository,
  ) {}

  /**
   * Every task of the workspace: the team endpoint (active and archived tasks), plus each
   * archived list through the list endpoint, because the team endpoint hides tasks that live in
   * archived lists. Throws if any listing could not be read completely.
   */
  async readAll(ctx: SyncContext, locations: Map<string, ListLocation>, archivedListIds: string[]): Promise<TaskReadResult> {
    const sink = new TaskSink(ctx, this.repo, this.mapContext(ctx, locations));
    const ws = ctx.workspaceId;
    for (const archived of [false, true]) {
      await readAllPages(
        (startPage) => this.client.iterateTeamTasks(ws, { ...ALL, archived, startPage }),
        (tasks, page) => sink.add(tasks, `tasks${archived ? ' (archived)' : ''}: page ${page + 1}`),
      );
    }
    for (const listId of archivedListIds) {
      for (const archived of [false, true]) {
        await readAllPages(
          (startPage) => this.client.iterateListTasks(listId, { ...ALL, archived, startPage }),
          (tasks, page) => sink.add(tasks, `archived list ${listId}: page ${page + 1}`),
        );
      }
    }
    await sink.flush();
    return sink.result();
  }

  /**
   * Tasks changed since `sinceMs` (ClickUp's date_updated_gt behaves as ≥; we dedupe by id):
   * the team endpoint, plus each archived-container list, whose tasks the team endpoint hides.
   */
  async readChanged(
    ctx: SyncContext,
    locations: Map<string, ListLocation>,
    sinceMs: number,
    archivedListIds: string[],
  ): Promise<TaskReadResult> {
    const sink = new TaskSink(ctx, this.repo, this.mapContext(ctx, locations));
    const changed: TaskListingFilters = { ...ALL, orderBy: 'updated', reverse: false, dateUpdatedGt: sinceMs };
    for (const archived of [false, true]) {
      await readAllPages(
        (startPage) => this.client.iterateTeamTasks(ctx.workspaceId, { ...changed, archived, startPage }),
        (tasks, page) => sink.add(tasks, `changed tasks${archived ? ' (archived)' : ''}: page ${page + 1}`),
      );
    }
    for (const listId of archivedListIds) {
      for (const archived of [false, true]) {
        await readAllPages(
          (startPage) => this.client.iterateListTasks(listId, { ...changed, archived, startPage }),
          (tasks, page) => sink.add(tasks, `archived list ${listId}: page ${page + 1}`),
        );
      }
    }
    await sink.flush();
    return sink.result();
  }

  /** Re-reads specific tasks (webhooks): one GET per task. Missing tasks are returned as gone. */
  async refreshTasks(ctx: SyncContext, locations: Map<string, ListLocation>, ids: string[]): Promise<{ gone: string[] }> {
    const sink = new TaskSink(ctx, this.repo, this.mapContext(ctx, locations));
    const gone: string[] = [];
    for (const id of ids) {
      try {
        await sink.add([await this.client.getTask(id)], `task ${id}`);
      } catch (e) {
        // Only a definite "not found" counts as deleted; anything else propagates.
        if (e instanceof ClickupNotFoundError) gone.push(id);
        else throw e;
      }
    }
    await sink.flush();
    return { gone };
  }

  private mapContext(ctx: SyncContext, locations: Map<string, ListLocation>): TaskMapContext {
    return { workspaceId: ctx.workspaceId, statusOverrides: ctx.statusOverrides, listLocation: (id) => locations.get(id) };
  }
}

/** Collects mapped tasks and writes them in batches. */
class TaskSink {
  private pending: TaskBundle[] = [];
  private readonly seen = new Set<string>();
  private maxUpdated: number | null = null;
  private written = 0;
  private readonly listNames = new Map<string, string>();

  constructor(
    private readonly ctx: SyncContext,
    private readonly repo: TaskWriteRepository,
    private readonly mapCtx: TaskMapContext,
  ) {}

  async add(tasks: ClickupTask[], label: string): Promise<void> {
    for (const t of tasks) {
      this.pending.push(mapTask(t, this.mapCtx));
      this.seen.add(t.id);
      if (t.list?.id && t.list.name) this.listNames.set(t.list.id, t.list.name);
      if (this.maxUpdated === null || t.dateUpdated > this.maxUpdated) this.maxUpdated = t.dateUpdated;
    }
    if (this.pending.length >= WRITE_BATCH) await this.flush();
    this.ctx.progress('tasks', this.seen.size, null, `${label} — ${this.seen.size} tasks read`);
  }

  async flush(): Promise<void> {
    if (!this.pending.length) return;
    const batch = this.pending;
    this.pending = [];
    this.written += await this.repo.upsert(batch);
  }

  result(): TaskReadResult {
    this.ctx.add('tasksRead', this.seen.size);
    this.ctx.add('tasksWritten', this.written);
    return { seen: this.seen, maxUpdated: this.maxUpdated, written: this.written, listNames: this.listNames };
  }
}
