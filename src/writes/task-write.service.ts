import { Injectable } from '@nestjs/common';
import { parseDueDate, parseEstimate, PriorityName, priorityNumber } from '../analytics/tasks/task-inputs';
import { TaskQueryService } from '../analytics/tasks/task-query.service';
import { TaskDetailView } from '../analytics/tasks/task-views';
import { ClickupClient } from '../clickup/clickup.client';
import { ClickupUnreadableWriteError } from '../clickup/clickup.errors';
import { ClickupCallOptions, ClickupTask, CreateTaskBody, UpdateTaskBody } from '../clickup/clickup.types';
import { DomainError, truncate } from '../common/errors/domain-error';
import { Clock } from '../common/time/clock';
import { AppConfig } from '../config/app-config';
import { StatusDefinition } from '../database/entities';
import { HierarchyService } from '../mapping/hierarchy.service';
import { stripNul } from '../common/text/strip-nul';
import { mapTask } from '../sync/mappers/task.mapper';
import { TaskWriteRepository } from '../sync/repositories/task-write.repository';
import { readBackFailed, toWriteOutcomeError, WriteAction } from './write-outcome';

export interface CreateTaskArgs {
  list: string;
  space?: string;
  name: string;
  description?: string;
  status?: string;
  priority?: PriorityName;
  assignees?: string[];
  due_date?: string;
  due_time?: string;
  estimate?: string;
  tags?: string[];
  parent?: string;
}

export interface UpdateTaskArgs {
  task: string;
  name?: string;
  description?: string;
  status?: string;
  priority?: PriorityName | 'none';
  due_date?: string;
  due_time?: string;
  estimate?: string;
  add_assignees?: string[];
  remove_assignees?: string[];
}

export type WrittenTask = TaskDetailView & { message: string };

/** ClickUp keeps a NUL character, PostgreSQL text cannot: drop it before it goes anywhere. */
const clean = stripNul;

const INTERACTIVE: ClickupCallOptions = { priority: 'interactive' };
/** A create whose answer was unreadable is looked for among tasks created this long before it was sent. */
const CREATE_LOOKBACK_MS = 60_000;

/**
 * create_task / update_task (MCP) and POST/PUT /api/tasks (REST): validate against the synced
 * hierarchy (list, statuses, people) so mistakes come back as one clear sentence before anything
 * is sent; write through the one ClickUp client; then read the task back from ClickUp and store
 * it, so the next read sees the change without waiting for a sync (rule 1). A write that does not
 * simply succeed is reported by the rule in write-outcome.ts.
 */
@Injectable()
export class TaskWriteService {
  constructor(
    private readonly cfg: AppConfig,
    private readonly clock: Clock,
    private readonly hierarchy: HierarchyService,
    private readonly client: ClickupClient,
    private readonly taskWrites: TaskWriteRepository,
    private readonly tasks: TaskQueryService,
  ) {}

  async create(a: CreateTaskArgs): Promise<WrittenTask> {
    const ws = await this.hierarchy.workspaceId();
    const space = a.space ? await this.hierarchy.space(ws, a.space) : undefined;
    const list = await this.hierarchy.list(ws, a.list, { spaceId: space?.id });
    const body: CreateTaskBody = { name: clean(a.name).trim() };
    if (a.description !== undefined) body.description = clean(a.description);
    if (a.status !== undefined) body.status = this.checkStatus(a.status, list.statuses, `list ${list.name}`);
    if (a.priority !== undefined) body.priority = priorityNumber(a.priority);
    if (a.assignees?.length) body.assignees = await this.memberIds(ws, a.assignees);
    if (a.tags?.length) body.tags = [...new Set(a.tags.map((t) => clean(t).trim()).filter(Boolean))];
    if (a.estimate !== undefined) body.timeEstimate = parseEstimate(a.estimate);
    if (a.due_time !== undefined && a.due_date === undefined) throw new DomainError('due_time needs due_date (YYYY-MM-DD).');
    if (a.due_date !== undefined) {
      const due = parseDueDate(a.due_date, a.due_time, this.cfg.reports.timeZone);
      body.dueDate = due.ms;
      body.dueDateTime = due.hasTime;
    }
    if (a.parent !== undefined) {
      const parent = await this.tasks.resolveTask(ws, a.parent);
      // ClickUp creates a subtask only in its parent's list; saying so beats its terse refusal.
      if (parent.listId !== list.id) {
        throw new DomainError(
          `The parent task '${parent.name}' (${parent.id}) is in another list; create the subtask in the parent's list (${parent.listId}).`,
        );
      }
      body.parent = parent.id;
    }
    const action: WriteAction = {
      what: `create the task '${truncate(body.name, 60)}' in ${list.name}`,
      check: `list ${list.name} in ClickUp`,
      idempotent: false,
    };
    const sentAt = this.clock.now();
    let id: string;
    try {
      id = (await this.client.createTask(list.id, body, INTERACTIVE)).id;
    } catch (e) {
      if (!(e instanceof ClickupUnreadableWriteError)) throw toWriteOutcomeError(e, action);
      // Created, but the answer was unreadable: its id from the answer, else find it in the list.
      const found = e.objectId ?? (await this.findCreated(list.id, body.name, sentAt));
      if (found === null) throw toWriteOutcomeError(e, action);
      id = found;
    }
    await this.writeThrough(ws, id, action);
    const task = await this.tasks.detail(ws, id);
    return { ...task, message: `Created task ${task.custom_id ?? task.id} '${task.name}' in ${list.name}.` };
  }

  async update(a: UpdateTaskArgs): Promise<WrittenTask> {
    const ws = await this.hierarchy.workspaceId();
    const ref = await this.tasks.resolveTask(ws, a.task);
    const body: UpdateTaskBody = {};
    const changed: string[] = [];
    if (a.name !== undefined) {
      body.name = clean(a.name).trim();
      changed.push('name');
    }
    if (a.description !== undefined) {
      // ClickUp ignores an empty description; a single space is its way of clearing one.
      body.description = a.description === '' ? ' ' : clean(a.description);
      changed.push('description');
    }
    if (a.status !== undefined) {
      const [list] = await this.hierarchy.lists(ws, { listId: ref.listId }, true);
      body.status = this.checkStatus(a.status, list?.statuses ?? [], `the task's list${list ? ` ${list.name}` : ''}`);
      changed.push('status');
    }
    if (a.priority !== undefined) {
      body.priority = a.priority === 'none' ? null : priorityNumber(a.priority);
      changed.push('priority');
    }
    if (a.due_time !== undefined && a.due_date === undefined) throw new DomainError('due_time needs due_date (YYYY-MM-DD).');
    if (a.due_date !== undefined) {
      if (a.due_date === 'none') {
        body.dueDate = null;
      } else {
        const due = parseDueDate(a.due_date, a.due_time, this.cfg.reports.timeZone);
        body.dueDate = due.ms;
        body.dueDateTime = due.hasTime;
      }
      changed.push('due date');
    }
    if (a.estimate !== undefined) {
      body.timeEstimate = parseEstimate(a.estimate);
      changed.push('estimate');
    }
    const add = a.add_assignees?.length ? await this.memberIds(ws, a.add_assignees) : [];
    const rem = a.remove_assignees?.length ? await this.memberIds(ws, a.remove_assignees) : [];
    const both = add.filter((id) => rem.includes(id));
    if (both.length)
      throw new DomainError(`The same person is in add_assignees and remove_assignees (member ${both.join(', ')}); pass them in one of the two.`);
    if (add.length || rem.length) {
      body.assignees = { add, rem };
      changed.push('assignees');
    }
    if (!changed.length) {
      throw new DomainError(
        'Nothing to change: pass at least one of name, description, status, priority, due_date, estimate, add_assignees, remove_assignees.',
      );
    }
    const action: WriteAction = { what: `update task ${ref.id} '${truncate(ref.name, 60)}'`, check: `task ${ref.id} in ClickUp`, idempotent: true };
    try {
      await this.client.updateTask(ref.id, body, {}, INTERACTIVE);
    } catch (e) {
      // An unreadable answer to an update is no problem: the task is read back below anyway.
      if (!(e instanceof ClickupUnreadableWriteError)) throw toWriteOutcomeError(e, action);
    }
    await this.writeThrough(ws, ref.id, action);
    const task = await this.tasks.detail(ws, ref.id);
    return { ...task, message: `Updated ${changed.join(', ')} of task ${task.custom_id ?? task.id} '${task.name}'.` };
  }

  /** Status names are matched case-insensitively against the list's effective statuses. */
  private checkStatus(given: string, statuses: StatusDefinition[], where: string): string {
    const wanted = given.trim().toLowerCase();
    const hit = statuses.find((s) => s.status.toLowerCase() === wanted);
    if (hit) return hit.status;
    const allowed = [...statuses]
      .sort((x, y) => x.orderindex - y.orderindex)
      .map((s) => s.status)
      .join(', ');
    throw new DomainError(`'${truncate(given)}' is not a status of ${where}. Allowed statuses: ${allowed || 'none synced (run trigger_sync)'}.`);
  }

  private async memberIds(ws: string, people: string[]): Promise<number[]> {
    const ids: number[] = [];
    for (const p of people) ids.push((await this.hierarchy.member(ws, p)).id);
    return [...new Set(ids)];
  }

  /**
   * A task created by name in `listId` since `sentAt`: what a create whose answer could not be
   * read most likely made. Null unless exactly one matches (guessing between two would be worse).
   */
  private async findCreated(listId: string, name: string, sentAt: number): Promise<string | null> {
    try {
      const recent = this.client.iterateListTasks(
        listId,
        { orderBy: 'created', reverse: true, subtasks: true, includeClosed: true, dateCreatedGt: sentAt - CREATE_LOOKBACK_MS },
        INTERACTIVE,
      );
      for await (const page of recent) {
        const hits = page.filter((t) => t.name === name);
        return hits.length === 1 ? hits[0].id : null;
      }
    } catch {
      // The look-up is a courtesy; the caller reports the unreadable create either way.
    }
    return null;
  }

  /** GET the task back and store it exactly as a sync would (mapper + upsert). */
  private async writeThrough(ws: string, taskId: string, action: WriteAction): Promise<void> {
    let fresh: ClickupTask;
    try {
      fresh = await this.client.getTask(taskId, {}, INTERACTIVE);
    } catch (e) {
      throw readBackFailed(action, taskId, e);
    }
    const lists = fresh.list ? await this.hierarchy.lists(ws, { listId: fresh.list.id }, true) : [];
    const location = new Map(lists.map((l) => [l.id, { folderId: l.folderId, spaceId: l.spaceId }]));
    const bundle = mapTask(fresh, { workspaceId: ws, statusOverrides: this.cfg.reports.statusOverrides, listLocation: (id) => location.get(id) });
    await this.taskWrites.upsert([bundle]);
  }
}
