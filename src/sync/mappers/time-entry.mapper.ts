import { ClickupTimeEntry } from '../../clickup/clickup.types';
import { TimeEntryRow } from '../model/sync-rows';
import { stripNulDeep } from '../../common/text/strip-nul';

export class TimeEntryMappingError extends Error {}

/**
 * ClickUp time entry → row. A running timer (negative duration) is stored with no end and no
 * duration: reports count it up to "now" and flag it, rather than freezing a stale number.
 * NUL characters (PostgreSQL cannot store them; any ClickUp client can write them) are dropped.
 */
export function mapTimeEntry(e: ClickupTimeEntry, workspaceId: string): TimeEntryRow {
  if (!e.user) throw new TimeEntryMappingError(`time entry ${e.id}: payload has no user`);
  const running = e.running || e.duration < 0 || e.end == null;
  return stripNulDeep({
    id: e.id,
    workspaceId: e.teamId ?? workspaceId,
    taskId: e.task?.id ?? null,
    userId: e.user.id,
    startAt: new Date(e.start),
    endAt: running ? null : new Date(e.end as number),
    durationMs: running ? null : e.duration,
    running,
    billable: e.billable,
    description: e.description,
    tags: e.tags.map((t) => t.name),
    source: e.source,
    modifiedAt: e.at == null ? null : new Date(e.at),
    listId: e.taskLocation?.listId ?? null,
    folderId: e.taskLocation?.folderId ?? null,
    spaceId: e.taskLocation?.spaceId ?? null,
  });
}
