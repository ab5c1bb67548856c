import { Injectable } from '@nestjs/common';
import { ClickupClient } from '../../clickup/clickup.client';
import { ClickupNotFoundError } from '../../clickup/clickup.errors';
import { ClickupCallOptions, ClickupTimeEntry, ClickupUserRef } from '../../clickup/clickup.types';
import { parseDateTimeInput, parseDurationInput } from '../../common/time/time-input';
import { AppConfig } from '../../config/app-config';
import { HierarchyService } from '../../mapping/hierarchy.service';
import { DomainError } from '../../common/errors/domain-error';
import { mapTimeEntry } from '../mappers/time-entry.mapper';
import { TimeEntryRow } from '../model/sync-rows';
import { TimeEntryWriteRepository } from '../repositories/time-entry-write.repository';
import { TaskLookupRepository, TaskRef } from './task-lookup.repository';

/** A single entry longer than this is almost always a unit mix-up ("90" meant minutes, sent as hours). */
const MAX_ENTRY_MS = 24 * 3_600_000;
/** Clock skew we tolerate before calling a start "in the future". */
const FUTURE_SLACK_MS = 60_000;
const INTERACTIVE: ClickupCallOptions = { priority: 'interactive' };

interface Written {
  entry: ClickupTimeEntry;
  row: TimeEntryRow;
}

export interface TimeEntryView {
  id: string;
  task: { id: string; customId: string | null; name: string } | null;
  user: { id: number; name: string | null };
  start: string;
  end: string | null;
  running: boolean;
  /** Stopped: the entry's duration; running: elapsed so far. */
  durationMs: number;
  billable: boolean;
  description: string | null;
}

export interface LogTimeInput {
  task: string;
  duration: number | string;
  start?: string;
  description?: string;
  billable?: boolean;
  person?: string;
}

export interface StartTimerInput {
  task?: string;
  description?: string;
  billable?: boolean;
}

/**
 * Time tracking writes (tools.md rule 1): each goes to ClickUp through the one client, is read
 * back (ClickUp's write responses are partial and differ per endpoint), and the read-back entry
 * is written through to the database, so reports include it before the next sync.
 *
 * Timers act for the ClickUp token's own user: ClickUp has no "start a timer for someone else".
 * Logging a finished entry may name another person (ClickUp lets admins do that).
 */
@Injectable()
export class TimeWritesService {
  private tokenUser: ClickupUserRef | null = null;

  constructor(
    private readonly cfg: AppConfig,
    private readonly client: ClickupClient,
    private readonly hierarchy: HierarchyService,
    private readonly tasks: TaskLookupRepository,
    private readonly entries: TimeEntryWriteRepository,
  ) {}

  async logTime(input: LogTimeInput, now = Date.now()): Promise<TimeEntryView> {
    const ws = await this.hierarchy.workspaceId();
    const task = await this.task(ws, input.task);
    const durationMs = parseDurationInput(input.duration);
    if (durationMs === null) {
      throw new DomainError(`duration '${String(input.duration)}' is not a duration: pass minutes (90) or text like "1h 30m", "90m", "1.5h" or "1:30".`);
    }
    if (durationMs > MAX_ENTRY_MS) {
      throw new DomainError(`duration ${String(input.duration)} is longer than 24 hours; log one entry per day instead.`);
    }
    const start = input.start === undefined ? now - durationMs : this.start(input.start);
    if (start > now + FUTURE_SLACK_MS) {
      throw new DomainError(`start ${new Date(start).toISOString()} is in the future; time entries record work already done (report time zone: ${this.cfg.reports.timeZone}).`);
    }
    const assignee = input.person ? (await this.hierarchy.member(ws, input.person)).id : undefined;
    const created = await this.client.createTimeEntry(ws, {
      start, duration: durationMs, taskId: task.id, assignee, description: input.description, billable: input.billable,
    });
    const [entry] = await this.writeThrough(ws, [created]);
    return this.view(entry, task, now);
  }

  async startTimer(input: StartTimerInput, now = Date.now()): Promise<{ entry: TimeEntryView; stoppedPrevious: TimeEntryView | null }> {
    const ws = await this.hierarchy.workspaceId();
    const task = input.task ? await this.task(ws, input.task) : null;
    // ClickUp stops a running timer when another starts: remember it so its end is written through too.
    const previous = await this.client.getCurrentTimer(ws, {}, INTERACTIVE);
    const started = await this.client.startTimer(ws, { taskId: task?.id, description: input.description, billable: input.billable });
    const stale = previous && previous.id !== started.id ? [previous] : [];
    const [entry, stopped] = await this.writeThrough(ws, [started, ...stale]);
    return { entry: this.view(entry, task, now), stoppedPrevious: stopped ? this.view(stopped, null, now) : null };
  }

  async stopTimer(now = Date.now()): Promise<TimeEntryView> {
    const ws = await this.hierarchy.workspaceId();
    const running = await this.client.getCurrentTimer(ws, {}, INTERACTIVE);
    if (!running) throw await this.noTimer();
    let stopped: ClickupTimeEntry;
    try {
      stopped = await this.client.stopTimer(ws);
    } catch (e) {
      // Stopped elsewhere between the check and the stop.
      if (e instanceof ClickupNotFoundError) throw await this.noTimer();
      throw e;
    }
    const [entry] = await this.writeThrough(ws, [stopped]);
    return this.view(entry, null, now);
  }

  private async noTimer(): Promise<DomainError> {
    const user = await this.user();
    return new DomainError(`No timer is running for ${user.username ?? user.email ?? `user ${user.id}`} (the ClickUp token's user), so there is nothing to stop; start_timer starts one.`);
  }

  /** The token's own user: who timers run for. Cached — the token does not change while running. */
  private async user(): Promise<ClickupUserRef> {
    this.tokenUser ??= await this.client.getAuthorizedUser(INTERACTIVE);
    return this.tokenUser;
  }

  private async task(ws: string, given: string): Promise<TaskRef> {
    const id = given.trim().replace(/^#/, '');
    const task = await this.tasks.byIdOrCustomId(ws, id);
    if (!task) {
      throw new DomainError(`No synced task has the id or custom id '${id}': look it up with get_tasks or search_tasks, or run trigger_sync if it was created moments ago.`);
    }
    return task;
  }

  private start(given: string): number {
    const t = parseDateTimeInput(given, this.cfg.reports.timeZone);
    if (t === null) {
      throw new DomainError(`start '${given}' is not a date-time: pass "YYYY-MM-DD HH:mm" (in ${this.cfg.reports.timeZone}) or ISO 8601 with an offset, e.g. 2026-01-05T09:30:00Z.`);
    }
    return t;
  }

  /**
   * Re-reads each entry (with its task location, which write responses lack) and upserts it.
   * If ClickUp cannot find an entry it just returned, the write response itself is stored:
   * the next sync corrects any field it lacked.
   */
  private async writeThrough(ws: string, written: ClickupTimeEntry[]): Promise<Written[]> {
    const fresh: ClickupTimeEntry[] = [];
    for (const w of written) {
      try {
        fresh.push(await this.client.getTimeEntry(ws, w.id, { includeLocationNames: true }, INTERACTIVE));
      } catch (e) {
        if (!(e instanceof ClickupNotFoundError)) throw e;
        fresh.push(w);
      }
    }
    const out = fresh.map((entry) => ({ entry, row: mapTimeEntry(entry, ws) }));
    await this.entries.upsert(out.map((x) => x.row));
    return out;
  }

  private view({ entry: e, row }: Written, task: TaskRef | null, now: number): TimeEntryView {
    const durationMs = row.running ? Math.max(0, now - row.startAt.getTime()) : (row.durationMs ?? 0);
    const taskRef = e.task ? { id: e.task.id, customId: task?.customId ?? e.task.customId ?? null, name: task?.name ?? e.task.name ?? '' } : null;
    return {
      id: e.id, task: taskRef, user: { id: row.userId, name: e.user?.username ?? null },
      start: row.startAt.toISOString(), end: row.endAt?.toISOString() ?? null, running: row.running, durationMs,
      billable: row.billable, description: row.description,
    };
  }
}
