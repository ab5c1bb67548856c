import { Injectable } from '@nestjs/common';
import { ClickupClient } from '../../clickup/clickup.client';
import { ClickupAuthError, ClickupBadRequestError } from '../../clickup/clickup.errors';
import { ClickupTimeEntry } from '../../clickup/clickup.types';
import { HierarchyWriteRepository } from '../repositories/hierarchy-write.repository';
import { mapTimeEntry } from '../mappers/time-entry.mapper';
import { TimeEntryWriteRepository } from '../repositories/time-entry-write.repository';
import { SyncContext } from '../sync-context';

const DAY = 86_400_000;

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

  /** Current members (not pending invitees) plus every user we ever saw, sorted. */
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
  private async read(ctx: SyncContext, users: { all: number[]; current: number[] }, q: { startDate: number; endDate: number; taskId?: string }): Promise<{ entries: ClickupTimeEntry[]; asked: number[] }> {
    try {
      return { entries: await this.client.getTimeEntries(ctx.workspaceId, { ...q, assignees: users.all, includeLocationNames: true }), asked: users.all };
    } catch (e) {
      const refused = e instanceof ClickupBadRequestError || e instanceof ClickupAuthError;
      if (!refused || users.all.length === users.current.length) throw e;
      ctx.warnings.push(`ClickUp refused time-entry reads for former members (${(e as Error).message}); read current members only.`);
      return { entries: await this.client.getTimeEntries(ctx.workspaceId, { ...q, assignees: users.current, includeLocationNames: true }), asked: users.current };
    }
  }

  async syncRange(ctx: SyncContext, fromMs: number, toMs: number, windowDays: number): Promise<void> {
    const users = await this.userIds(ctx);
    if (!users.all.length) return;
    const windows = splitWindows(fromMs, toMs, windowDays * DAY);
    let done = 0;
    for (const [a, b] of windows) {
      try {
        // ClickUp's end_date is inclusive: ask for [a, b-1] so windows never overlap.
        const { entries, asked } = await this.read(ctx, users, { startDate: a, endDate: b - 1 });
        const rows = entries.map((e) => mapTimeEntry(e, ctx.workspaceId));
        ctx.add('timeEntriesRead', rows.length);
        ctx.add('timeEntriesWritten', await this.repo.upsert(rows));
        ctx.add('timeEntriesDeleted', await this.repo.markVanished(ctx.workspaceId, a, b, asked, rows.map((r) => r.id)));
      } catch (e) {
        ctx.fail(`time entries ${new Date(a).toISOString().slice(0, 10)}..${new Date(b).toISOString().slice(0, 10)}`, e);
      }
      ctx.progress('time entries', ++done, windows.length, `window ${done}/${windows.length}`);
    }
  }

  /** Re-reads one task's entries (webhook: time tracked changed). */
  async refreshTask(ctx: SyncContext, taskId: string, fromMs: number, toMs: number): Promise<void> {
    const { entries } = await this.read(ctx, await this.userIds(ctx), { startDate: fromMs, endDate: toMs, taskId });
    const rows = entries.map((e) => mapTimeEntry(e, ctx.workspaceId));
    ctx.add('timeEntriesWritten', await this.repo.upsert(rows));
    ctx.add('timeEntriesDeleted', await this.repo.markVanishedForTask(ctx.workspaceId, taskId, fromMs, rows.map((r) => r.id)));
  }
}

/** [from, to) cut into consecutive windows of at most `size` ms, oldest first. */
export function splitWindows(fromMs: number, toMs: number, size: number): [number, number][] {
  const out: [number, number][] = [];
  for (let a = fromMs; a < toMs; a += size) out.push([a, Math.min(a + size, toMs)]);
  return out;
}
