import { TaskRecord } from '../model/sandbox-entities';
import { dependenciesOf } from '../store/sandbox-dump.builder';
import type { SandboxStore } from '../sandbox-store';
import { priorityObject } from './hierarchy.serializer';
import { creatorUser, memberOrUnknown, shortUser } from './user.serializer';
import { formatOrderindex } from '../generator/id-factory';
import { tagObject } from './tag.serializer';

const ms = (v: number | null) => (v === null ? null : String(v));
const SHARED_FIELDS = ['assignees', 'priority', 'due_date', 'content', 'comments', 'attachments', 'customFields', 'subtasks', 'tags'];

export interface TaskSerializeOptions {
  markdown?: boolean;
}

/**
 * A task in ClickUp's v2 shape (clickup-api.md §7.4): timestamps as ms strings, numbers for
 * estimate/points/time_spent, user ids as integers, `time_spent` only when time was tracked,
 * `folder`/`project` = the space's hidden folder for folderless lists.
 */
export function serializeTask(store: SandboxStore, task: TaskRecord, options: TaskSerializeOptions = {}) {
  const { list, folder, space } = store.locationOf(task.listId);
  const status = store.statusOf(task);
  const folderRef = folder
    ? { id: folder.id, name: folder.name, hidden: folder.hidden, access: true }
    : { id: space.hiddenFolderId, name: 'hidden', hidden: true, access: true };
  const fields = [...store.state.customFields.values()].filter((f) => f.spaceId === space.id);
  const tagDefs = new Map(space.tags.map((t) => [t.name, t]));
  return {
    id: task.id,
    custom_id: task.customId,
    custom_item_id: null,
    name: task.name,
    text_content: task.description,
    description: task.description,
    ...(options.markdown ? { markdown_description: task.description } : {}),
    status: { id: status.id, status: status.status, color: status.color, orderindex: status.orderindex, type: status.type },
    orderindex: formatOrderindex(task.orderindex),
    date_created: String(task.dateCreated),
    date_updated: String(task.dateUpdated),
    date_closed: ms(task.dateClosed),
    date_done: ms(task.dateDone),
    archived: task.archived,
    creator: creatorUser(memberOrUnknown(store, task.creatorId)),
    assignees: task.assigneeIds.map((id) => shortUser(memberOrUnknown(store, id))),
    group_assignees: [],
    watchers: task.watcherIds.map((id) => shortUser(memberOrUnknown(store, id))),
    checklists: [],
    tags: task.tags.map((name) => tagObject(name, tagDefs.get(name), task.creatorId)),
    parent: task.parentId,
    top_level_parent: store.topLevelParentId(task),
    priority: priorityObject(task.priority),
    due_date: ms(task.dueDate),
    start_date: ms(task.startDate),
    points: task.points,
    time_estimate: task.timeEstimate,
    ...(task.timeSpent > 0 ? { time_spent: task.timeSpent } : {}),
    custom_fields: fields.map((f) => ({
      id: f.id,
      name: f.name,
      type: f.type,
      type_config: f.typeConfig,
      date_created: String(f.dateCreated),
      hide_from_guests: f.hideFromGuests,
      ...(task.customFieldValues[f.id] !== undefined ? { value: task.customFieldValues[f.id] } : {}),
      required: f.required,
    })),
    dependencies: dependenciesOf(store, task).map((d) => ({
      task_id: d.taskId,
      depends_on: d.dependsOn,
      type: d.type,
      date_created: String(d.dateCreated),
      userid: String(d.userId),
      workspace_id: store.workspaceId,
      chain_id: null,
    })),
    linked_tasks: [],
    locations: task.extraListIds
      .map((id) => store.state.lists.get(id))
      .filter((l) => l !== undefined)
      .map((l) => ({ id: l.id, name: l.name })),
    team_id: store.workspaceId,
    url: `https://app.clickup.com/t/${task.id}`,
    sharing: { public: false, public_share_expires_on: null, public_fields: SHARED_FIELDS, token: null, seo_optimized: false },
    permission_level: 'create',
    list: { id: list.id, name: list.name, access: true },
    project: folderRef,
    folder: folderRef,
    space: { id: space.id },
  };
}
