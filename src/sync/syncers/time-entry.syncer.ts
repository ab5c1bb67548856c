import { Injectable } from '@nestjs/common';
import { ClickupClient } from '../../clickup/clickup.client';
import { ClickupAuthError, ClickupBadRequestError } from '../../clickup/clickup.errors';
import { ClickupCallOptions, ClickupTimeEntry } from '../../clickup/clickup.types';
import { FormerMember, HierarchyWriteRepository } from '../repositories/hierarchy-write.repository';
import { mapTimeEntry } from '../mappers/time-entry.mapper';
import { TimeEntryWriteRepository } from '../repositories/time-entry-write.repository';
import { SyncContext } from '../sync-context';

const DAY = 86_400_000;

/**
 * Entries per time-entry request the window sizing aims at. 40,000 entries are a 30 MB response
 * and ~150 MB once parsed; at 20,000 the large workspace's full sync peaked at 429–450 MB RSS
 * instead of 492–669 MB, for 26 more requests out of ~1,090 (docs/benchmarks.md).
 */
export const TARGET_ENTRIES_PER_REQUEST = 20_000;
/** First window of a range we hold nothing for. */
const PROBE_DAYS = 7;

/**
 * Time entries of ALL members (ClickUp defaults to the caller only, and to the last 30 days),
 * read in date windows. ClickUp has no changed-since filter, so incremental runs re-read a
 * trailing window and anything we hold in a completely read window that ClickUp no longer
 * returns is marked deleted. A window that fails is skipped (and reported): nothing in it is
 * marked deleted.
 */
@Injectable()
export class TimeEntrySyncer {
  constructor(
    private readonly client: ClickupClient,
    private readonly repo: TimeEntryWriteRepository,
    private readonly hierarchy: HierarchyWriteRepository,
  ) {}

  /**
   * Current members (not pending invitees) plus every user the workspace ever showed us (entry
   * authors, task creators, assignees, watchers, former members), sorted.
   */
  private async userIds(ctx: SyncContext): Promise<{ all: number[]; current: number[] }> {
    const current = ctx.team.members.filter((m) => !m.pending).map((m) => m.id);
    const known = await this.hierarchy.knownUserIds(ctx.workspaceId);
    const all = [...new Set([...current, ...known])].sort((a, b) => a - b);
    return { all, current: [...current].sort((a, b) => a - b) };
  }

  /**
   * Reads one window for the given users. Should ClickUp refuse ids of people who left the
   * workspace, fall back to current members (and mark nothing of the others as deleted).
   */
  private async read(
    ctx: SyncContext,
    users: { all: number[]; current: number[] },
    q: { startDate: number; endDate: number; taskId?: string; listId?: string },
  ): Promise<WindowRead> {
    // Entries that do not parse are left out and reported; their ids still count as seen, so an
    // entry is never marked deleted because its latest copy could not be read.
    const skipped: (string | null)[] = [];
    const call: ClickupCallOptions = {
      onSkipped: (item) => {
        skipped.push(item.id);
        ctx.skip('time entry', item);
      },
    };
    try {
      const entries = await this.client.getTimeEntries(ctx.workspaceId, { ...q, assignees: users.all, includeLocationNames: true }, call);
      return { entries, asked: users.all, skipped };
    } catch (e) {
      const refused = e instanceof ClickupBadRequestError || e instanceof ClickupAuthError;
      if (!refused || users.all.length === users.current.length) throw e;
      ctx.warnings.push(`ClickUp refused time-entry reads for former members (${(e as Error).message}); read current members only.`);
      const entries = await this.client.getTimeEntries(ctx.workspaceId, { ...q, assignees: users.current, includeLocationNames: true }, call);
      return { entries, asked: users.current, skipped };
    }
  }

  /**
   * [fromMs, toMs) in windows of at most `windowDays`, oldest first. ClickUp answers a window in
   * ONE response (no paging), so a dense workspace gets narrower windows: sized from what we
   * already hold for the range, then from what each window returned, to keep a response near
   * TARGET_ENTRIES_PER_REQUEST. Sparse data keeps the configured size (fewest requests).
   */
  async syncRange(ctx: SyncContext, fromMs: number, toMs: number, windowDays: number): Promise<void> {
    const users = await this.userIds(ctx);
    if (!users.all.length) return;
    const maxSize = windowDays * DAY;
    const held = await this.repo.countLive(ctx.workspaceId, fromMs, toMs);
    // Nothing held yet (first full sync): a short first window measures the density before a
    // long one could return a huge response. Costs at most one request.
    let size = held > 0 || toMs - fromMs <= maxSize ? windowSizeFor(maxSize, held, toMs - fromMs) : Math.min(maxSize, PROBE_DAYS * DAY);
    let done = 0;
    for (let a = fromMs; a < toMs;) {
      let b = Math.min(a + size, toMs);
      // Fold a sliver of a remainder (e.g. the day ahead) into this window rather than ask for it alone.
      if (toMs - b < size / 4 && toMs - a <= maxSize) b = toMs;
      try {
        const read = await this.syncWindow(ctx, users, a, b);
        size = windowSizeFor(maxSize, read, b - a);
      } catch (e) {
        ctx.fail(`time entries ${windowLabel(a, b)}`, e);
      }
      a = b;
      const total = ++done + Math.ceil((toMs - a) / size);
      ctx.progress('time entries', done, total, `window ${done}/${total}`);
    }
  }

  /**
   * Everything before `toMs` in ONE request: the entries older than anything else the workspace
   * shows (back-dated time). Normally few or none, so it costs one request and no window sizing.
   */
  async syncBefore(ctx: SyncContext, toMs: number): Promise<void> {
    const users = await this.userIds(ctx);
    if (!users.all.length || toMs <= 0) return;
    try {
      await this.syncWindow(ctx, users, 0, toMs);
    } catch (e) {
      ctx.fail(`time entries before ${new Date(toMs).toISOString().slice(0, 10)}`, e);
    }
  }

  /**
   * One window, in its own frames on purpose: a window of a large workspace is ~40,000 entries
   * (a 30 MB response, ~150 MB once parsed). Locals of a loop body inside one long-running async
   * function can stay reachable from its suspended frame, so the previous window's payload would
   * still be alive while the next one is parsed; separate frames end with each call.
   */
  private async syncWindow(ctx: SyncContext, users: { all: number[]; current: number[] }, a: number, b: number): Promise<number> {
    const { rows, asked, skipped, nonMembers } = await this.readWindow(ctx, users, a, b);
    ctx.add('timeEntriesRead', rows.length);
    ctx.add('timeEntriesWritten', await this.repo.upsert(rows));
    const recorded = await this.hierarchy.recordFormerMembers(ctx.workspaceId, nonMembers);
    if (recorded) ctx.add('formerMembersRecorded', recorded);
    if (skipped.includes(null)) {
      ctx.warnings.push(`A time entry without a readable id was skipped in ${windowLabel(a, b)}: no entry of that window was marked deleted.`);
    } else {
      const seen = [...rows.map((r) => r.id), ...(skipped as string[])];
      ctx.add('timeEntriesDeleted', await this.repo.markVanished(ctx.workspaceId, a, b, asked, seen));
    }
    return rows.length + skipped.length;
  }

  /** Reads and maps one window; the parsed payload (with its raw JSON) is garbage once this returns. */
  private async readWindow(ctx: SyncContext, users: { all: number[]; current: number[] }, a: number, b: number, listId?: string) {
    // ClickUp's end_date is inclusive: ask for [a, b-1] so windows never overlap.
    const { entries, asked, skipped } = await this.read(ctx, users, { startDate: a, endDate: b - 1, ...(listId ? { listId } : {}) });
    // Authors who are not members: people who left. They are recorded so their time keeps a name.
    const members = new Set(ctx.team.members.map((m) => m.id));
    const nonMembers = new Map<number, FormerMember>();
    for (const e of entries) if (e.user && !members.has(e.user.id)) nonMembers.set(e.user.id, e.user);
    return { rows: entries.map((e) => mapTimeEntry(e, ctx.workspaceId)), asked, skipped, nonMembers: [...nonMembers.values()] };
  }

  /** One list's entries in [fromMs, toMs), in one request (a project refresh); vanished ones there are marked deleted. */
  async syncList(ctx: SyncContext, listId: string, fromMs: number, toMs: number): Promise<void> {
    const users = await this.userIds(ctx);
    if (!users.all.length) return;
    const { rows, asked, skipped, nonMembers } = await this.readWindow(ctx, users, fromMs, toMs, listId);
    ctx.add('timeEntriesRead', rows.length);
    ctx.add('timeEntriesWritten', await this.repo.upsert(rows));
    const recorded = await this.hierarchy.recordFormerMembers(ctx.workspaceId, nonMembers);
    if (recorded) ctx.add('formerMembersRecorded', recorded);
    if (skipped.includes(null)) return;
    const seen = [...rows.map((r) => r.id), ...(skipped as string[])];
    ctx.add('timeEntriesDeleted', await this.repo.markVanishedInList(ctx.workspaceId, listId, fromMs, toMs, asked, seen));
  }

  /** Re-reads one task's entries (webhook: time tracked changed). */
  async refreshTask(ctx: SyncContext, taskId: string, fromMs: number, toMs: number): Promise<void> {
    const { entries, skipped } = await this.read(ctx, await this.userIds(ctx), { startDate: fromMs, endDate: toMs, taskId });
    const rows = entries.map((e) => mapTimeEntry(e, ctx.workspaceId));
    ctx.add('timeEntriesWritten', await this.repo.upsert(rows));
    if (skipped.includes(null)) return;
    const seen = [...rows.map((r) => r.id), ...(skipped as string[])];
    ctx.add('timeEntriesDeleted', await this.repo.markVanishedForTask(ctx.workspaceId, taskId, fromMs, seen));
  }
}

interface WindowRead {
  entries: ClickupTimeEntry[];
  /** The users the read asked for (entries of others are not judged). */
  asked: number[];
  /** Ids of the entries left out as unreadable (null: one had no readable id). */
  skipped: (string | null)[];
}

function windowLabel(a: number, b: number): string {
  return `${new Date(a).toISOString().slice(0, 10)}..${new Date(b).toISOString().slice(0, 10)}`;
}

/**
 * The window (ms) for the next request: `maxSize` unless `count` entries over `spanMs` say a
 * window that size would carry more than TARGET_ENTRIES_PER_REQUEST; then the size that carries
 * about that many, never under one day.
 */
export function windowSizeFor(maxSize: number, count: number, spanMs: number): number {
  if (spanMs <= 0 || count * maxSize <= TARGET_ENTRIES_PER_REQUEST * spanMs) return maxSize;
  return Math.min(maxSize, Math.max(DAY, Math.floor((spanMs * TARGET_ENTRIES_PER_REQUEST) / count)));
}

/** [from, to) cut into consecutive windows of at most `size` ms, oldest first. */
export function splitWindows(fromMs: number, toMs: number, size: number): [number, number][] {
  const out: [number, number][] = [];
  for (let a = fromMs; a < toMs; a += size) out.push([a, Math.min(a + size, toMs)]);
  return out;
}
