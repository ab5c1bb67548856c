import { Injectable } from '@nestjs/common';
import { ClickupClient } from '../../clickup/clickup.client';
import { ClickupNotFoundError } from '../../clickup/clickup.errors';
import { ClickupCallOptions, ClickupTask, TaskListingFilters } from '../../clickup/clickup.types';
import { mapTask, TaskMapContext, TaskMappingError } from '../mappers/task.mapper';
import { TaskBundle } from '../model/sync-rows';
import { FormerMember, HierarchyWriteRepository } from '../repositories/hierarchy-write.repository';
import { TaskWriteRepository } from '../repositories/task-write.repository';
import { SyncContext } from '../sync-context';
import { readAllPages } from './page-reader';

export interface TaskReadResult {
  /** Every task id ClickUp returned, skipped ones included (only meaningful when complete). */
  seen: Set<string>;
  /** A record without a readable id was skipped: the read cannot tell which stored task it was. */
  skippedWithoutId: boolean;
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
    private readonly people: HierarchyWriteRepository,
  ) {}

  /**
   * Every task of the workspace: the team endpoint (active and archived tasks), plus each
   * archived list through the list endpoint, because the team endpoint hides tasks that live in
   * archived lists. Throws if any listing could not be read completely.
   */
  async readAll(ctx: SyncContext, locations: Map<string, ListLocation>, archivedListIds: string[]): Promise<TaskReadResult> {
    const sink = new TaskSink(ctx, this.repo, this.mapContext(ctx, locations));
    const ws = ctx.workspaceId;
    const call = sink.callOptions();
    for (const archived of [false, true]) {
      await readAllPages(
        (startPage) => this.client.iterateTeamTasks(ws, { ...ALL, archived, startPage }, call),
        (tasks, page) => sink.add(tasks, `tasks${archived ? ' (archived)' : ''}: page ${page + 1}`),
      );
    }
    for (const listId of archivedListIds) {
      for (const archived of [false, true]) {
        await readAllPages(
          (startPage) => this.client.iterateListTasks(listId, { ...ALL, archived, startPage }, call),
          (tasks, page) => sink.add(tasks, `archived list ${listId}: page ${page + 1}`),
        );
      }
    }
    return this.finish(ctx, sink);
  }

  /**
   * Tasks changed since `sinceMs` (ClickUp's date_updated_gt behaves as ≥; we dedupe by id):
   * the team endpoint, plus each archived-container list, whose tasks the team endpoint hides.
   */
  async readChanged(ctx: SyncContext, locations: Map<string, ListLocation>, sinceMs: number, archivedListIds: string[]): Promise<TaskReadResult> {
    const sink = new TaskSink(ctx, this.repo, this.mapContext(ctx, locations));
    const call = sink.callOptions();
    const changed: TaskListingFilters = { ...ALL, orderBy: 'updated', reverse: false, dateUpdatedGt: sinceMs };
    for (const archived of [false, true]) {
      await readAllPages(
        (startPage) => this.client.iterateTeamTasks(ctx.workspaceId, { ...changed, archived, startPage }, call),
        (tasks, page) => sink.add(tasks, `changed tasks${archived ? ' (archived)' : ''}: page ${page + 1}`),
      );
    }
    for (const listId of archivedListIds) {
      for (const archived of [false, true]) {
        await readAllPages(
          (startPage) => this.client.iterateListTasks(listId, { ...changed, archived, startPage }, call),
          (tasks, page) => sink.add(tasks, `archived list ${listId}: page ${page + 1}`),
        );
      }
    }
    return this.finish(ctx, sink);
  }

  /**
   * Every task whose home is one of these lists (a project refresh): each list endpoint, active
   * and archived tasks. Throws if a listing could not be read completely.
   */
  async readLists(ctx: SyncContext, locations: Map<string, ListLocation>, listIds: string[]): Promise<TaskReadResult> {
    const sink = new TaskSink(ctx, this.repo, this.mapContext(ctx, locations));
    const call = sink.callOptions();
    for (const listId of listIds) {
      for (const archived of [false, true]) {
        await readAllPages(
          (startPage) => this.client.iterateListTasks(listId, { ...ALL, archived, startPage }, call),
          (tasks, page) => sink.add(tasks, `list ${listId}${archived ? ' (archived)' : ''}: page ${page + 1}`),
        );
      }
    }
    return this.finish(ctx, sink);
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
    await this.finish(ctx, sink);
    return { gone };
  }

  /** Writes what is pending, then records people seen on the tasks who are not members (any more). */
  private async finish(ctx: SyncContext, sink: TaskSink): Promise<TaskReadResult> {
    await sink.flush();
    const recorded = await this.people.recordFormerMembers(ctx.workspaceId, sink.nonMembers());
    if (recorded) ctx.add('formerMembersRecorded', recorded);
    return sink.result();
  }

  private mapContext(ctx: SyncContext, locations: Map<string, ListLocation>): TaskMapContext {
    return { workspaceId: ctx.workspaceId, statusOverrides: ctx.statusOverrides, listLocation: (id) => locations.get(id) };
  }
}

/** Collects mapped tasks and writes them in batches. */
class TaskSink {
  private pending: TaskBundle[] = [];
  /** Ids read, skipped ones included (a reconcile must not delete what it could not read). */
  private readonly seen = new Set<string>();
  /** Ids read and stored. */
  private readonly read = new Set<string>();
  private skippedWithoutId = false;
  private maxUpdated: number | null = null;
  private written = 0;
  private readonly listNames = new Map<string, string>();
  /** Creators, assignees and watchers who are not current members (people who left). */
  private readonly people = new Map<number, FormerMember>();
  private readonly memberIds: Set<number>;

  constructor(
    private readonly ctx: SyncContext,
    private readonly repo: TaskWriteRepository,
    private readonly mapCtx: TaskMapContext,
  ) {
    this.memberIds = new Set(ctx.team.members.map((m) => m.id));
  }

  nonMembers(): FormerMember[] {
    return [...this.people.values()];
  }

  /** Listing options that report each unreadable task here instead of failing its page. */
  callOptions(): ClickupCallOptions {
    return { onSkipped: (item) => this.skip(item.id, item.field, item.reason, item.endpoint) };
  }

  /**
   * A task left out of this read. Its id still counts as seen, so a reconcile never deletes a task
   * because its latest copy could not be read.
   */
  private skip(id: string | null, field: string, reason: string, endpoint: string): void {
    if (id === null) this.skippedWithoutId = true;
    else this.seen.add(id);
    this.ctx.skip('task', { id, field, reason, endpoint });
  }

  async add(tasks: ClickupTask[], label: string): Promise<void> {
    for (const t of tasks) {
      try {
        this.pending.push(mapTask(t, this.mapCtx));
      } catch (e) {
        if (!(e instanceof TaskMappingError)) throw e;
        this.skip(t.id, e.field, e.message, label);
        continue;
      }
      this.seen.add(t.id);
      this.read.add(t.id);
      for (const p of [...(t.creator ? [t.creator] : []), ...t.assignees, ...t.watchers]) {
        if (!this.memberIds.has(p.id)) this.people.set(p.id, p);
      }
      if (t.list?.id && t.list.name) this.listNames.set(t.list.id, t.list.name);
      if (this.maxUpdated === null || t.dateUpdated > this.maxUpdated) this.maxUpdated = t.dateUpdated;
    }
    if (this.pending.length >= WRITE_BATCH) await this.flush();
    this.ctx.progress('tasks', this.read.size, null, `${label} — ${this.read.size} tasks read`);
  }

  async flush(): Promise<void> {
    if (!this.pending.length) return;
    const batch = this.pending;
    this.pending = [];
    this.written += await this.repo.upsert(batch);
  }

  result(): TaskReadResult {
    this.ctx.add('tasksRead', this.read.size);
    this.ctx.add('tasksWritten', this.written);
    return {
      seen: this.seen,
      skippedWithoutId: this.skippedWithoutId,
      maxUpdated: this.maxUpdated,
      written: this.written,
      listNames: this.listNames,
    };
  }
}
