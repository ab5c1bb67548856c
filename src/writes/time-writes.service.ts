import { Injectable } from '@nestjs/common';
import { ClickupClient } from '../clickup/clickup.client';
import { ClickupNotFoundError, ClickupUnreadableWriteError } from '../clickup/clickup.errors';
import { ClickupCallOptions, ClickupTimeEntry, ClickupUserRef } from '../clickup/clickup.types';
import { DomainError } from '../common/errors/domain-error';
import { humanDuration } from '../common/time/duration';
import { Clock } from '../common/time/clock';
import { parseDateTimeInput, parseDurationInput } from '../common/time/time-input';
import { AppConfig } from '../config/app-config';
import { HierarchyService } from '../mapping/hierarchy.service';
import { mapTimeEntry } from '../sync/mappers/time-entry.mapper';
import { TimeEntryRow } from '../sync/model/sync-rows';
import { TimeEntryWriteRepository } from '../sync/repositories/time-entry-write.repository';
import { TaskLookupRepository, TaskRef } from './task-lookup.repository';
import { failedBeforeWrite, readBackFailed, toWriteOutcomeError, WriteAction } from './write-outcome';

/** A single entry longer than this is almost always a unit mix-up ("90" meant minutes, sent as hours). */
const MAX_ENTRY_MS = 24 * 3_600_000;
/** Clock skew we tolerate before calling a start "in the future". */
const FUTURE_SLACK_MS = 60_000;
const INTERACTIVE: ClickupCallOptions = { priority: 'interactive' };

/** An entry a write produced: its id, and ClickUp's answer when it could be read. */
interface Written {
  id: string;
  answer: ClickupTimeEntry | null;
}

/** An entry as read back and stored. */
interface Stored {
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
 * Time tracking writes (tools.md rule 1), for the MCP tools and REST alike: each goes to ClickUp
 * through the one client, is read back (ClickUp's write responses are partial and differ per
 * endpoint), and the read-back entry is written through to the database, so reports include it
 * before the next sync. A write that does not simply succeed is reported by the rule in
 * write-outcome.ts: refused, failed (maybe applied), or accepted but unreadable.
 *
 * Timers act for the ClickUp token's own user: ClickUp has no "start a timer for someone else".
 * Logging a finished entry may name another person (ClickUp lets admins do that).
 */
@Injectable()
export class TimeWritesService {
  private tokenUser: ClickupUserRef | null = null;

  constructor(
    private readonly cfg: AppConfig,
    private readonly clock: Clock,
    private readonly client: ClickupClient,
    private readonly hierarchy: HierarchyService,
    private readonly tasks: TaskLookupRepository,
    private readonly entries: TimeEntryWriteRepository,
  ) {}

  async logTime(input: LogTimeInput): Promise<TimeEntryView> {
    const now = this.clock.now();
    const ws = await this.hierarchy.workspaceId();
    const task = await this.task(ws, input.task);
    const durationMs = parseDurationInput(input.duration);
    if (durationMs === null) {
      throw new DomainError(
        `duration '${String(input.duration)}' is not a duration: pass minutes (90) or text like "1h 30m", "90m", "1.5h" or "1:30".`,
      );
    }
    if (durationMs > MAX_ENTRY_MS) {
      throw new DomainError(`duration ${String(input.duration)} is longer than 24 hours; log one entry per day instead.`);
    }
    const start = input.start === undefined ? now - durationMs : this.start(input.start);
    if (start > now + FUTURE_SLACK_MS) {
      throw new DomainError(
        `start ${new Date(start).toISOString()} is in the future; time entries record work already done (report time zone: ${this.cfg.reports.timeZone}).`,
      );
    }
    const assignee = input.person ? (await this.hierarchy.member(ws, input.person)).id : undefined;
    const action: WriteAction = {
      what: `log ${humanDuration(durationMs)} on task ${task.customId ?? task.id} '${task.name}'`,
      check: `the time entries of task ${task.customId ?? task.id} in ClickUp`,
      idempotent: false,
    };
    let written: Written;
    try {
      const created = await this.client.createTimeEntry(ws, {
        start,
        duration: durationMs,
        taskId: task.id,
        assignee,
        description: input.description,
        billable: input.billable,
      });
      written = { id: created.id, answer: created };
    } catch (e) {
      if (!(e instanceof ClickupUnreadableWriteError)) throw toWriteOutcomeError(e, action);
      // Logged, but the answer was unreadable: its id from the answer, else find the entry itself.
      const id = e.objectId ?? (await this.findLogged(ws, task.id, start, durationMs, assignee));
      if (id === null) throw toWriteOutcomeError(e, action);
      written = { id, answer: null };
    }
    const [entry] = await this.writeThrough(ws, [written], action);
    return this.view(entry, task, now);
  }

  async startTimer(input: StartTimerInput): Promise<{ entry: TimeEntryView; stoppedPrevious: TimeEntryView | null }> {
    const now = this.clock.now();
    const ws = await this.hierarchy.workspaceId();
    const task = input.task ? await this.task(ws, input.task) : null;
    const action: WriteAction = {
      what: `start the timer${task ? ` on task ${task.customId ?? task.id}` : ''}`,
      check: 'the running timer in ClickUp',
      idempotent: false,
    };
    // ClickUp stops a running timer when another starts: remember it so its end is written through too.
    const previous = await this.beforeWrite(action, () => this.client.getCurrentTimer(ws, {}, INTERACTIVE));
    let started: Written;
    try {
      const entry = await this.client.startTimer(ws, { taskId: task?.id, description: input.description, billable: input.billable });
      started = { id: entry.id, answer: entry };
    } catch (e) {
      if (!(e instanceof ClickupUnreadableWriteError)) throw toWriteOutcomeError(e, action);
      // Started, but the answer was unreadable: the running timer now is the one just started.
      const id = e.objectId ?? (await this.client.getCurrentTimer(ws, {}, INTERACTIVE).catch(() => null))?.id ?? null;
      if (id === null || id === previous?.id) throw toWriteOutcomeError(e, action);
      started = { id, answer: null };
    }
    const stale: Written[] = previous && previous.id !== started.id ? [{ id: previous.id, answer: previous }] : [];
    const [entry, stopped] = await this.writeThrough(ws, [started, ...stale], action);
    return { entry: this.view(entry, task, now), stoppedPrevious: stopped ? this.view(stopped, null, now) : null };
  }

  async stopTimer(): Promise<TimeEntryView> {
    const now = this.clock.now();
    const ws = await this.hierarchy.workspaceId();
    const action: WriteAction = { what: 'stop the timer', check: 'the timer in ClickUp', idempotent: true };
    const running = await this.beforeWrite(action, () => this.client.getCurrentTimer(ws, {}, INTERACTIVE));
    if (!running) throw await this.noTimer(action);
    let stopped: Written;
    try {
      const entry = await this.client.stopTimer(ws);
      stopped = { id: entry.id, answer: entry };
    } catch (e) {
      // Stopped elsewhere between the check and the stop.
      if (e instanceof ClickupNotFoundError) throw await this.noTimer(action);
      // Stopped, but the answer was unreadable: the stopped entry is the one that was running.
      if (!(e instanceof ClickupUnreadableWriteError)) throw toWriteOutcomeError(e, action);
      stopped = { id: e.objectId ?? running.id, answer: null };
    }
    const [entry] = await this.writeThrough(ws, [stopped], action);
    return this.view(entry, null, now);
  }

  private async noTimer(action: WriteAction): Promise<DomainError> {
    const user = await this.beforeWrite(action, () => this.user());
    return new DomainError(
      `No timer is running for ${user.username ?? user.email ?? `user ${user.id}`} (the ClickUp token's user), so there is nothing to stop; start_timer starts one.`,
    );
  }

  /** A read that comes before a write: if it fails, nothing was written, and the error says so. */
  private async beforeWrite<T>(action: WriteAction, read: () => Promise<T>): Promise<T> {
    try {
      return await read();
    } catch (e) {
      throw failedBeforeWrite(action, e);
    }
  }

  /** The token's own user: who timers run for. Cached — the token does not change while running. */
  private async user(): Promise<ClickupUserRef> {
    this.tokenUser ??= await this.client.getAuthorizedUser(INTERACTIVE);
    return this.tokenUser;
  }

  /**
   * The entry a create with an unreadable answer most likely made: the task's entries starting at
   * exactly `start` with exactly `durationMs`, of the person it was logged for. Null unless
   * exactly one matches.
   */
  private async findLogged(ws: string, taskId: string, start: number, durationMs: number, assignee: number | undefined): Promise<string | null> {
    try {
      const who = assignee ?? (await this.user()).id;
      const found = await this.client.getTimeEntries(ws, { taskId, startDate: start, endDate: start, assignees: [who] }, INTERACTIVE);
      const hits = found.filter((e) => e.start === start && e.duration === durationMs && (e.user?.id ?? who) === who);
      return hits.length === 1 ? hits[0].id : null;
    } catch {
      // The look-up is a courtesy; the caller reports the unreadable write either way.
      return null;
    }
  }

  private async task(ws: string, given: string): Promise<TaskRef> {
    const id = given.trim().replace(/^#/, '');
    const task = await this.tasks.byIdOrCustomId(ws, id);
    if (!task) {
      throw new DomainError(
        `No synced task has the id or custom id '${id}': look it up with get_tasks or search_tasks, or run trigger_sync if it was created moments ago.`,
      );
    }
    return task;
  }

  private start(given: string): number {
    const t = parseDateTimeInput(given, this.cfg.reports.timeZone);
    if (t === null) {
      throw new DomainError(
        `start '${given}' is not a date-time: pass "YYYY-MM-DD HH:mm" (in ${this.cfg.reports.timeZone}) or ISO 8601 with an offset, e.g. 2026-01-05T09:30:00Z.`,
      );
    }
    return t;
  }

  /**
   * Re-reads each entry (with its task location, which write responses lack) and upserts it.
   * If ClickUp cannot find an entry it just returned, the write response itself is stored (the
   * next sync corrects any field it lacked); with no usable response the write is reported as
   * accepted but not read back.
   */
  private async writeThrough(ws: string, written: Written[], action: WriteAction): Promise<Stored[]> {
    const fresh: ClickupTimeEntry[] = [];
    for (const w of written) {
      try {
        fresh.push(await this.client.getTimeEntry(ws, w.id, { includeLocationNames: true }, INTERACTIVE));
      } catch (e) {
        if (!(e instanceof ClickupNotFoundError) || !w.answer) throw readBackFailed(action, w.id, e);
        fresh.push(w.answer);
      }
    }
    const out = fresh.map((entry) => ({ entry, row: mapTimeEntry(entry, ws) }));
    await this.entries.upsert(out.map((x) => x.row));
    return out;
  }

  private view({ entry: e, row }: Stored, task: TaskRef | null, now: number): TimeEntryView {
    const durationMs = row.running ? Math.max(0, now - row.startAt.getTime()) : (row.durationMs ?? 0);
    const taskRef = e.task ? { id: e.task.id, customId: task?.customId ?? e.task.customId ?? null, name: task?.name ?? e.task.name ?? '' } : null;
    return {
      id: e.id,
      task: taskRef,
      user: { id: row.userId, name: e.user?.username ?? null },
      start: row.startAt.toISOString(),
      end: row.endAt?.toISOString() ?? null,
      running: row.running,
      durationMs,
      billable: row.billable,
      description: row.description,
    };
  }
}
