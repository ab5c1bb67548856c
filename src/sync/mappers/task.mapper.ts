import { ClickupTask } from '../../clickup/clickup.types';
import { StatusCategory, statusCategory } from '../../common/status-category';
import { TaskBundle } from '../model/sync-rows';
import { stripNulDeep } from '../../common/text/strip-nul';

const date = (ms: number | null | undefined): Date | null => (ms == null ? null : new Date(ms));

export interface TaskMapContext {
  workspaceId: string;
  statusOverrides: Readonly<Record<string, StatusCategory>>;
  /** list id → where it lives, from the synced hierarchy (authoritative for folder/space). */
  listLocation?: (listId: string) => { folderId: string | null; spaceId: string } | undefined;
}

/** A task payload we cannot store (no list, no space): the sync skips it and reports `field`. */
export class TaskMappingError extends Error {
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(message);
  }
}

/**
 * ClickUp task → row + relations. Pure: the same payload always gives the same rows. Any ClickUp
 * client can put NUL characters into names, descriptions or custom fields; PostgreSQL text and
 * jsonb cannot hold them, so they are dropped here (one bad task would otherwise fail its page).
 */
export function mapTask(t: ClickupTask, ctx: TaskMapContext): TaskBundle {
  const listId = t.list?.id;
  if (!listId) throw new TaskMappingError('list', 'payload has no list');
  const loc = ctx.listLocation?.(listId);
  const folderFromPayload = t.folder && !t.folder.hidden ? t.folder.id : null;
  const spaceId = loc?.spaceId ?? t.space?.id;
  if (!spaceId) throw new TaskMappingError('space', `payload has no space and list ${listId} is unknown`);
  const statusType = t.status.type ?? 'custom';
  const dependencies = t.dependencies
    .filter((d) => d.taskId && d.dependsOn)
    // ClickUp lists the same edge on both tasks, typed relative to each (0 "waiting on",
    // 1 "blocking"); the edge itself is always "task_id waits on depends_on", stored once.
    .map((d) => ({ taskId: d.taskId, dependsOn: d.dependsOn, type: 0 }));
  return stripNulDeep({
    task: {
      id: t.id,
      customId: t.customId,
      workspaceId: ctx.workspaceId,
      name: t.name,
      textContent: t.textContent,
      description: t.description,
      status: t.status.status,
      statusType,
      statusCategory: statusCategory(t.status.status, statusType, ctx.statusOverrides),
      statusColor: t.status.color,
      priority: t.priority?.id ?? null,
      parentId: t.parent,
      // ClickUp leaves top_level_parent null on top-level tasks; for a subtask it names the root.
      topLevelParentId: t.parent ? (t.topLevelParent ?? t.parent) : null,
      listId,
      folderId: loc ? loc.folderId : folderFromPayload,
      spaceId,
      creatorId: t.creator?.id ?? null,
      dateCreated: new Date(t.dateCreated),
      dateUpdated: new Date(t.dateUpdated),
      dateDone: date(t.dateDone),
      dateClosed: date(t.dateClosed),
      dueDate: date(t.dueDate),
      startDate: date(t.startDate),
      timeEstimate: t.timeEstimate,
      points: t.points,
      tags: t.tags.map((g) => g.name),
      customFields: t.customFields.filter((f) => f.hasValue).map((f) => ({ id: f.id, name: f.name, type: f.type, value: f.value })),
      customItemId: t.customItemId,
      archived: t.archived,
      url: t.url,
      raw: t.raw,
    },
    assigneeIds: t.assignees.map((a) => a.id),
    watcherIds: t.watchers.map((w) => w.id),
    extraListIds: t.locations.map((l) => l.id).filter((id) => id !== listId),
    dependencies,
  });
}
