import { z } from 'zod';
import type {
  ClickupChecklistSummary,
  ClickupCustomFieldValue,
  ClickupDependency,
  ClickupLinkedTask,
  ClickupPriority,
  ClickupTask,
} from '../clickup.types';
import { folderRefSchema, listRefSchema, spaceRefSchema, statusSchema, tagSchema, userRefSchema } from './common.schema';
import {
  flag,
  flagOrNull,
  id,
  idOrNull,
  integerOrNull,
  listOf,
  msTimestamp,
  msTimestampOrNull,
  numberOrNull,
  optionalObject,
  roundedMsOrNull,
  textOrNull,
  userIdOrNull,
  withRaw,
} from './primitives.schema';

const PRIORITY_IDS: Record<string, number> = { urgent: 1, high: 2, normal: 3, low: 4 };
const PRIORITY_NAMES: Record<number, string> = { 1: 'urgent', 2: 'high', 3: 'normal', 4: 'low' };

/**
 * Real payloads send `{id:"1", priority:"urgent", color, orderindex:"1"}` or null; the spec's
 * team-task schema says a bare integer. Normalise all of them to {id 1-4, name, color}.
 */
const prioritySchema = z.union([
  integerOrNull.transform((n): ClickupPriority | null => (n === null ? null : { id: n, name: PRIORITY_NAMES[n] ?? null, color: null })),
  z.object({ id: integerOrNull, priority: textOrNull, color: textOrNull, orderindex: integerOrNull }).transform((p, ctx): ClickupPriority | null => {
    const resolved = p.id ?? p.orderindex ?? (p.priority ? PRIORITY_IDS[p.priority.toLowerCase()] : undefined);
    if (resolved === undefined || resolved === null) {
      if (p.priority === null) return null;
      ctx.addIssue({ code: 'custom', message: 'expected priority id or known priority name' });
      return z.NEVER;
    }
    return { id: resolved, name: p.priority ?? PRIORITY_NAMES[resolved] ?? null, color: p.color };
  }),
]);

const customFieldSchema = z
  .looseObject({
    id,
    name: textOrNull,
    type: textOrNull,
    // Optional: the spec's custom-field objects on tasks have no type_config at all.
    type_config: z.unknown().optional(),
    required: flagOrNull,
  })
  .transform((f): ClickupCustomFieldValue => ({
    id: f.id,
    name: f.name,
    type: f.type,
    typeConfig: f.type_config ?? null,
    required: f.required,
    // Unset fields have no `value` key at all; an explicit null is a (cleared) value.
    hasValue: Object.prototype.hasOwnProperty.call(f, 'value'),
    value: (f as Record<string, unknown>).value ?? null,
  }));

const dependencySchema = z
  .object({
    task_id: id,
    depends_on: id,
    type: integerOrNull,
    date_created: msTimestampOrNull,
    userid: userIdOrNull,
  })
  .transform((d): ClickupDependency => ({
    taskId: d.task_id,
    dependsOn: d.depends_on,
    type: d.type,
    dateCreated: d.date_created,
    userId: d.userid,
  }));

const linkedTaskSchema = z
  .object({ task_id: id, link_id: id, date_created: msTimestampOrNull, userid: userIdOrNull })
  .transform((l): ClickupLinkedTask => ({
    taskId: l.task_id,
    linkId: l.link_id,
    dateCreated: l.date_created,
    userId: l.userid,
  }));

const checklistSchema = z
  .object({ id, name: textOrNull, resolved: integerOrNull, unresolved: integerOrNull })
  .transform((c): ClickupChecklistSummary => ({ id: c.id, name: c.name, resolved: c.resolved, unresolved: c.unresolved }));

const taskShape = z.object({
  id,
  custom_id: textOrNull,
  custom_item_id: integerOrNull,
  name: z.string(),
  text_content: textOrNull,
  description: textOrNull,
  markdown_description: textOrNull,
  status: statusSchema,
  orderindex: textOrNull,
  date_created: msTimestamp,
  date_updated: msTimestamp,
  date_closed: msTimestampOrNull,
  date_done: msTimestampOrNull,
  archived: flag(false),
  creator: optionalObject(userRefSchema),
  assignees: listOf(userRefSchema),
  watchers: listOf(userRefSchema),
  tags: listOf(tagSchema),
  checklists: listOf(checklistSchema),
  parent: idOrNull,
  top_level_parent: idOrNull,
  priority: prioritySchema,
  due_date: msTimestampOrNull,
  start_date: msTimestampOrNull,
  points: numberOrNull,
  time_estimate: roundedMsOrNull,
  time_spent: roundedMsOrNull,
  custom_fields: listOf(customFieldSchema),
  dependencies: listOf(dependencySchema),
  linked_tasks: listOf(linkedTaskSchema),
  locations: listOf(listRefSchema),
  team_id: idOrNull,
  url: textOrNull,
  permission_level: textOrNull,
  list: optionalObject(listRefSchema),
  folder: optionalObject(folderRefSchema),
  space: optionalObject(spaceRefSchema),
  // GET /task/{id}?include_subtasks=true: flattened descendants, each a full task.
  get subtasks() {
    return listOf(taskSchema);
  },
});

type TaskShape = z.output<typeof taskShape>;

function toTask(t: TaskShape, raw: Record<string, unknown>): ClickupTask {
  return {
    id: t.id,
    customId: t.custom_id,
    customItemId: t.custom_item_id,
    name: t.name,
    textContent: t.text_content,
    description: t.description,
    markdownDescription: t.markdown_description,
    status: t.status,
    orderindex: t.orderindex,
    dateCreated: t.date_created,
    dateUpdated: t.date_updated,
    dateClosed: t.date_closed,
    dateDone: t.date_done,
    archived: t.archived,
    creator: t.creator,
    assignees: t.assignees,
    watchers: t.watchers,
    tags: t.tags,
    checklists: t.checklists,
    parent: t.parent,
    topLevelParent: t.top_level_parent,
    priority: t.priority,
    dueDate: t.due_date,
    startDate: t.start_date,
    points: t.points,
    timeEstimate: t.time_estimate,
    timeSpent: t.time_spent,
    customFields: t.custom_fields,
    dependencies: t.dependencies,
    linkedTasks: t.linked_tasks,
    locations: t.locations,
    teamId: t.team_id,
    url: t.url,
    permissionLevel: t.permission_level,
    list: t.list,
    folder: t.folder,
    space: t.space,
    subtasks: t.subtasks,
    raw,
  };
}

/** One task; `raw` keeps ClickUp's JSON for storage. */
export const taskSchema: z.ZodType<ClickupTask, unknown> = withRaw(taskShape, toTask);

/**
 * GET /team/{team_id}/task and GET /list/{list_id}/task: `last_page` only on the latter. The
 * envelope only: the tasks are parsed one by one (parseListingItems), so a bad one is skipped.
 */
export const taskPageSchema = z.object({
  tasks: z.array(z.unknown()),
  last_page: flagOrNull,
});
