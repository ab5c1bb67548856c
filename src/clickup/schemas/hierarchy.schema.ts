import { z } from 'zod';
import type { ClickupFolder, ClickupList, ClickupSpace, ClickupSpaceFeatures } from '../clickup.types';
import { folderRefSchema, spaceRefSchema, statusSchema, userRefSchema } from './common.schema';
import {
  flag,
  flagOrNull,
  id,
  idOrNull,
  integerOrNull,
  listOf,
  msTimestampOrNull,
  optionalObject,
  textOrNull,
  validItemsOf,
  withRaw,
} from './primitives.schema';

// ---------------------------------------------------------------- spaces

const featuresSchema = z
  .record(z.string(), z.unknown())
  .nullish()
  .transform((f): ClickupSpaceFeatures => (f ?? {}) as ClickupSpaceFeatures);

export const spaceSchema = withRaw(
  z.object({
    id,
    name: z.string(),
    private: flag(false),
    color: textOrNull,
    avatar: textOrNull,
    admin_can_manage: flagOrNull,
    archived: flag(false),
    multiple_assignees: flag(false),
    members: validItemsOf(z.object({ user: userRefSchema }).transform((m) => m.user)),
    statuses: validItemsOf(statusSchema),
    features: featuresSchema,
  }),
  (s, raw): ClickupSpace => ({
    id: s.id,
    name: s.name,
    private: s.private,
    color: s.color,
    avatar: s.avatar,
    adminCanManage: s.admin_can_manage,
    archived: s.archived,
    multipleAssignees: s.multiple_assignees,
    members: s.members,
    statuses: s.statuses,
    features: s.features,
    raw,
  }),
);

/** GET /team/{team_id}/space */
export const spacesResponseSchema = z.object({ spaces: z.array(spaceSchema) });

// ---------------------------------------------------------------- lists

// The spec allows a bare string here as well as the usual {status|priority, color} object.
const listStatusSchema = optionalObject(
  z.union([z.string().transform((status) => ({ status, color: null })), z.object({ status: textOrNull, color: textOrNull })]),
);
const listPrioritySchema = optionalObject(
  z.union([z.string().transform((priority) => ({ priority, color: null })), z.object({ priority: textOrNull, color: textOrNull })]),
);

export const listSchema = withRaw(
  z.object({
    id,
    name: z.string(),
    orderindex: integerOrNull,
    content: textOrNull,
    status: listStatusSchema,
    priority: listPrioritySchema,
    task_count: integerOrNull,
    due_date: msTimestampOrNull,
    start_date: msTimestampOrNull,
    folder: optionalObject(folderRefSchema),
    space: optionalObject(spaceRefSchema),
    archived: flag(false),
    override_statuses: flagOrNull,
    statuses: validItemsOf(statusSchema),
    permission_level: textOrNull,
  }),
  (l, raw): ClickupList => ({
    id: l.id,
    name: l.name,
    orderindex: l.orderindex,
    content: l.content,
    status: l.status ? { status: l.status.status, color: l.status.color } : null,
    priority: l.priority ? { priority: l.priority.priority, color: l.priority.color } : null,
    taskCount: l.task_count,
    dueDate: l.due_date,
    startDate: l.start_date,
    folder: l.folder,
    space: l.space,
    archived: l.archived,
    overrideStatuses: l.override_statuses,
    statuses: l.statuses,
    permissionLevel: l.permission_level,
    raw,
  }),
);

/** GET /folder/{folder_id}/list and GET /space/{space_id}/list */
export const listsResponseSchema = z.object({ lists: z.array(listSchema) });

// ---------------------------------------------------------------- folders

export const folderSchema = withRaw(
  z.object({
    id,
    name: z.string(),
    orderindex: integerOrNull,
    override_statuses: flag(false),
    hidden: flag(false),
    archived: flag(false),
    space: optionalObject(spaceRefSchema),
    task_count: integerOrNull,
    statuses: validItemsOf(statusSchema),
    lists: listOf(listSchema),
    parent_folder: idOrNull,
  }),
  (f, raw): ClickupFolder => ({
    id: f.id,
    name: f.name,
    orderindex: f.orderindex,
    overrideStatuses: f.override_statuses,
    hidden: f.hidden,
    archived: f.archived,
    space: f.space,
    taskCount: f.task_count,
    statuses: f.statuses,
    lists: f.lists,
    parentFolderId: f.parent_folder,
    raw,
  }),
);

/** GET /space/{space_id}/folder */
export const foldersResponseSchema = z.object({ folders: z.array(folderSchema) });
