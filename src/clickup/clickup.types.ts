import type { RequestPriority } from './transport/rate-budget';

/**
 * Public types of the ClickUp client.
 *
 * Naming: parsed results use camelCase with normalised JS types (ms timestamps → number,
 * ids → string, user ids → number, absent → null). Objects that the sync stores keep the
 * untouched ClickUp JSON as `raw`. Query and body types are camelCase too; the client maps
 * them to ClickUp's snake_case wire names.
 */

export type { RequestPriority } from './transport/rate-budget';
export type { ClickupClientStats } from './transport/request-stats';
export type { RateBudgetSnapshot } from './transport/rate-budget';

/** Untouched JSON object as ClickUp sent it. */
export type ClickupRaw = Record<string, unknown>;

/** Per-call options accepted by every endpoint method. */
export interface ClickupCallOptions {
  /** Defaults: 'sync' for GET, 'interactive' for writes. */
  priority?: RequestPriority;
  /**
   * Listings (task pages, time entries) are parsed item by item: an item that does not parse is
   * left out of the result and reported here (or logged as a warning when no callback is given),
   * so one bad record never costs the rest of its page.
   */
  onSkipped?: (item: SkippedItem) => void;
}

/** One listing item that could not be parsed and was left out. */
export interface SkippedItem {
  /** `METHOD /template`. */
  endpoint: string;
  /** Position of the item in its response. */
  index: number;
  /** The item's `id` when it has a usable one, else null. */
  id: string | null;
  /** The first failing field, e.g. `time_estimate` or `status.status`. */
  field: string;
  /** What was wrong with it, e.g. `expected ms duration or null`. */
  reason: string;
}

/** GET /team/{team_id}/plan. */
export interface ClickupWorkspacePlan {
  planId: number | null;
  planName: string | null;
}

/** Addressing a task by its custom id (e.g. PROJ-42) needs the Workspace id too. */
export interface CustomTaskIdOptions {
  customTaskIds?: boolean;
  /** Required when customTaskIds is true. */
  teamId?: string;
}

// ---------------------------------------------------------------- shared shapes

/** Short user shape used by assignees, watchers, creators, time-entry users. */
export interface ClickupUserRef {
  id: number;
  username: string | null;
  email: string | null;
  color: string | null;
  initials: string | null;
  profilePicture: string | null;
}

/** A status definition (space/list) or the status copy carried by a task. */
export interface ClickupStatus {
  id: string | null;
  /** Name, usually lower-case ("in progress"). */
  status: string;
  /** 'open' | 'custom' | 'done' | 'closed' (kept as string for forward compatibility). */
  type: string | null;
  orderindex: number | null;
  color: string | null;
}

export interface ClickupTag {
  name: string;
  tagFg: string | null;
  tagBg: string | null;
  /** User id of the tag's creator, when sent. */
  creator: number | null;
}

// ---------------------------------------------------------------- workspace

/** 1 owner, 2 admin, 3 member, 4 guest. */
export type ClickupRole = 1 | 2 | 3 | 4;

export interface ClickupMember extends ClickupUserRef {
  role: ClickupRole | null;
  /** 'owner' | 'admin' | 'member' | 'guest' (derived from role when ClickUp omits it). */
  roleKey: string | null;
  customRole: { id: string; name: string | null } | null;
  lastActive: number | null;
  dateJoined: number | null;
  dateInvited: number | null;
  /** Invited but not joined yet: ClickUp sends username null for these. */
  pending: boolean;
  invitedBy: ClickupUserRef | null;
}

/** A Workspace ("team" in API v2). */
export interface ClickupTeam {
  id: string;
  name: string;
  color: string | null;
  avatar: string | null;
  members: ClickupMember[];
  raw: ClickupRaw;
}

// ---------------------------------------------------------------- hierarchy

export interface ClickupSpaceRef {
  id: string;
  name: string | null;
}

export interface ClickupFolderRef {
  id: string;
  name: string | null;
  /** true for the hidden folder that holds a space's folderless lists. */
  hidden: boolean | null;
}

export interface ClickupListRef {
  id: string;
  name: string | null;
}

/** Feature toggles by name (due_dates, time_tracking, points, …), as ClickUp sent them. */
export type ClickupSpaceFeatures = Record<string, { enabled?: boolean } & Record<string, unknown>>;

export interface ClickupSpace {
  id: string;
  name: string;
  private: boolean;
  color: string | null;
  avatar: string | null;
  adminCanManage: boolean | null;
  archived: boolean;
  multipleAssignees: boolean;
  members: ClickupUserRef[];
  statuses: ClickupStatus[];
  features: ClickupSpaceFeatures;
  raw: ClickupRaw;
}

export interface ClickupList {
  id: string;
  name: string;
  orderindex: number | null;
  content: string | null;
  status: { status: string | null; color: string | null } | null;
  priority: { priority: string | null; color: string | null } | null;
  taskCount: number | null;
  dueDate: number | null;
  startDate: number | null;
  /** null for lists embedded in a folder payload (the folder is the parent). */
  folder: ClickupFolderRef | null;
  space: ClickupSpaceRef | null;
  archived: boolean;
  overrideStatuses: boolean | null;
  /** Present on GET /list/{id}; empty when the payload did not include them. */
  statuses: ClickupStatus[];
  permissionLevel: string | null;
  raw: ClickupRaw;
}

export interface ClickupFolder {
  id: string;
  name: string;
  orderindex: number | null;
  overrideStatuses: boolean;
  hidden: boolean;
  archived: boolean;
  space: ClickupSpaceRef | null;
  taskCount: number | null;
  statuses: ClickupStatus[];
  /** Lists embedded in the folder payload (not-archived ones). */
  lists: ClickupList[];
  /** Set for nested subfolders. */
  parentFolderId: string | null;
  raw: ClickupRaw;
}

// ---------------------------------------------------------------- tasks

export interface ClickupPriority {
  /** 1 urgent, 2 high, 3 normal, 4 low. */
  id: number;
  name: string | null;
  color: string | null;
}

export interface ClickupCustomFieldValue {
  id: string;
  name: string | null;
  type: string | null;
  typeConfig: unknown;
  required: boolean | null;
  /** false when ClickUp sent no `value` key (field unset on this task). */
  hasValue: boolean;
  /** Type depends on the field type (drop_down: option index, users: array, number: string…). */
  value: unknown;
}

export interface ClickupDependency {
  taskId: string;
  dependsOn: string;
  type: number | null;
  dateCreated: number | null;
  userId: number | null;
}

export interface ClickupLinkedTask {
  taskId: string;
  linkId: string;
  dateCreated: number | null;
  userId: number | null;
}

export interface ClickupChecklistSummary {
  id: string;
  name: string | null;
  resolved: number | null;
  unresolved: number | null;
}

export interface ClickupTask {
  id: string;
  customId: string | null;
  /** 0 task, 1 milestone, other = custom task type; null when not sent. */
  customItemId: number | null;
  name: string;
  textContent: string | null;
  description: string | null;
  /** Only with includeMarkdownDescription. */
  markdownDescription: string | null;
  status: ClickupStatus;
  orderindex: string | null;
  dateCreated: number;
  dateUpdated: number;
  dateClosed: number | null;
  dateDone: number | null;
  archived: boolean;
  creator: ClickupUserRef | null;
  assignees: ClickupUserRef[];
  watchers: ClickupUserRef[];
  tags: ClickupTag[];
  checklists: ClickupChecklistSummary[];
  parent: string | null;
  topLevelParent: string | null;
  priority: ClickupPriority | null;
  dueDate: number | null;
  startDate: number | null;
  points: number | null;
  /** ms, a whole number: the spec types it `number`, and a fractional value is rounded (see primitives.schema). */
  timeEstimate: number | null;
  /** ms; ClickUp only sends it for tasks with tracked time (null otherwise). */
  timeSpent: number | null;
  customFields: ClickupCustomFieldValue[];
  dependencies: ClickupDependency[];
  linkedTasks: ClickupLinkedTask[];
  /** Extra lists the task was added to (tasks in multiple lists). */
  locations: ClickupListRef[];
  teamId: string | null;
  url: string | null;
  permissionLevel: string | null;
  list: ClickupListRef | null;
  folder: ClickupFolderRef | null;
  space: ClickupSpaceRef | null;
  /** Flattened descendants; only from getTask with includeSubtasks. */
  subtasks: ClickupTask[];
  raw: ClickupRaw;
}

export type TaskOrderBy = 'id' | 'created' | 'updated' | 'due_date';

/** `{ field_id, operator, value }` filters, sent JSON-encoded as `custom_fields`. */
export interface CustomFieldFilter {
  fieldId: string;
  operator: string;
  value?: unknown;
}

/** Filters shared by the team and list task listings. Dates are Unix ms. */
export interface TaskListingFilters {
  archived?: boolean;
  includeClosed?: boolean;
  subtasks?: boolean;
  orderBy?: TaskOrderBy;
  reverse?: boolean;
  statuses?: string[];
  assignees?: Array<number | string>;
  tags?: string[];
  dueDateGt?: number;
  dueDateLt?: number;
  dateCreatedGt?: number;
  dateCreatedLt?: number;
  dateUpdatedGt?: number;
  dateUpdatedLt?: number;
  dateDoneGt?: number;
  dateDoneLt?: number;
  customFields?: CustomFieldFilter[];
  /** 0 task, 1 milestone, other custom types. */
  customItems?: number[];
  includeMarkdownDescription?: boolean;
  /** First page to fetch (default 0), e.g. to resume. */
  startPage?: number;
}

/** GET /team/{team_id}/task ("Get Filtered Team Tasks"). */
export interface TeamTasksQuery extends TaskListingFilters {
  spaceIds?: string[];
  /** Folder ids ("projects" in API v2). */
  projectIds?: string[];
  listIds?: string[];
  /** A task id: returns its subtasks. */
  parent?: string;
}

/** GET /list/{list_id}/task. */
export interface ListTasksQuery extends TaskListingFilters {
  /** Include tasks whose home list is another list but that were added to this one. */
  includeTiml?: boolean;
  watchers?: Array<number | string>;
}

export interface GetTaskOptions extends CustomTaskIdOptions {
  includeSubtasks?: boolean;
  includeMarkdownDescription?: boolean;
}

export interface CreateTaskBody {
  name: string;
  description?: string;
  markdownContent?: string;
  assignees?: number[];
  groupAssignees?: string[];
  tags?: string[];
  status?: string;
  /** 1 urgent … 4 low, null for none. */
  priority?: number | null;
  dueDate?: number | null;
  dueDateTime?: boolean;
  timeEstimate?: number | null;
  startDate?: number | null;
  startDateTime?: boolean;
  points?: number | null;
  notifyAll?: boolean;
  /** A task in the same list: creates a subtask. */
  parent?: string | null;
  linksTo?: string | null;
  checkRequiredCustomFields?: boolean;
  customFields?: Array<{ id: string; value: unknown }>;
  customItemId?: number | null;
}

export interface AddRemove<T> {
  add?: T[];
  rem?: T[];
}

export interface UpdateTaskBody {
  name?: string;
  /** Send ' ' to clear. */
  description?: string;
  markdownContent?: string;
  status?: string;
  priority?: number | null;
  dueDate?: number | null;
  dueDateTime?: boolean;
  /** Moves under another parent; note that null does NOT promote a subtask (ClickUp ignores it). */
  parent?: string | null;
  timeEstimate?: number | null;
  startDate?: number | null;
  startDateTime?: boolean;
  points?: number | null;
  archived?: boolean;
  customItemId?: number | null;
  assignees?: AddRemove<number>;
  groupAssignees?: AddRemove<string>;
  watchers?: AddRemove<number>;
}

// ---------------------------------------------------------------- time tracking

export interface ClickupTimeEntryTask {
  id: string;
  customId: string | null;
  name: string | null;
  status: ClickupStatus | null;
}

export interface ClickupTaskLocation {
  listId: string | null;
  folderId: string | null;
  spaceId: string | null;
  listName: string | null;
  folderName: string | null;
  spaceName: string | null;
}

export interface ClickupTimeEntry {
  id: string;
  /** null for entries not linked to a task (ClickUp omits the key). */
  task: ClickupTimeEntryTask | null;
  /** Workspace id (`wid`). */
  teamId: string | null;
  user: ClickupUserRef | null;
  billable: boolean;
  start: number;
  /** null while the timer runs. */
  end: number | null;
  /** ms; negative while the timer runs (ClickUp sends -start). */
  duration: number;
  running: boolean;
  description: string | null;
  tags: ClickupTag[];
  source: string | null;
  /** Last modification (ms): the change marker for incremental sync. */
  at: number | null;
  taskLocation: ClickupTaskLocation | null;
  /** Only with includeTaskTags. */
  taskTags: ClickupTag[];
  taskUrl: string | null;
  raw: ClickupRaw;
}

/** Exactly one location filter may be given; ClickUp rejects more. */
export interface TimeEntriesQuery {
  /** ms; ClickUp defaults to 30 days ago. */
  startDate?: number;
  /** ms; ClickUp defaults to now. */
  endDate?: number;
  /** User ids; ClickUp defaults to the token's user. Others need owner/admin rights. */
  assignees?: number[];
  includeLocationNames?: boolean;
  includeTaskTags?: boolean;
  spaceId?: string;
  folderId?: string;
  listId?: string;
  taskId?: string;
  /** With taskId given as a custom task id. */
  customTaskIds?: boolean;
  isBillable?: boolean;
}

export interface GetTimeEntryOptions {
  includeLocationNames?: boolean;
  includeTaskTags?: boolean;
}

/** The spec requires both colours on every time-entry tag sent (they apply when the tag is new). */
export interface TimeEntryTagInput {
  name: string;
  tagFg: string;
  tagBg: string;
}

export interface CreateTimeEntryBody {
  /** ms */
  start: number;
  /** ms; required unless `end` is given; negative creates a running timer. */
  duration?: number;
  end?: number;
  billable?: boolean;
  description?: string;
  tags?: TimeEntryTagInput[];
  /** User id; only admins may create for others. */
  assignee?: number;
  taskId?: string;
  customTaskIds?: boolean;
}

export interface UpdateTimeEntryBody {
  description?: string;
  tags?: TimeEntryTagInput[];
  tagAction?: 'replace' | 'add' | 'remove';
  /** start and end are sent together. */
  start?: number;
  end?: number;
  taskId?: string;
  billable?: boolean;
  duration?: number;
  customTaskIds?: boolean;
}

export interface StartTimerBody {
  taskId?: string;
  description?: string;
  tags?: TimeEntryTagInput[];
  billable?: boolean;
  customTaskIds?: boolean;
}

// ---------------------------------------------------------------- webhooks

export interface ClickupWebhookHealth {
  status: string | null;
  failCount: number | null;
}

export interface ClickupWebhook {
  id: string;
  userId: number | null;
  teamId: string | null;
  endpoint: string;
  clientId: string | null;
  events: string[];
  taskId: string | null;
  listId: string | null;
  folderId: string | null;
  spaceId: string | null;
  health: ClickupWebhookHealth | null;
  /** HMAC key for X-Signature; always present on create. */
  secret: string | null;
}

export interface CreatedClickupWebhook extends ClickupWebhook {
  secret: string;
}

export interface CreateWebhookBody {
  endpoint: string;
  /** Event names or ['*']. */
  events: string[];
  spaceId?: string;
  folderId?: string;
  listId?: string;
  taskId?: string;
}
