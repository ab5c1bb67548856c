/**
 * In-memory records of the sandbox. They are mutable and internal: HTTP responses are built by
 * the serializers, and the ground truth handed to tests is the plain-JSON dump.
 * All times are epoch milliseconds (numbers); null means "not set".
 */

export type StatusType = 'open' | 'custom' | 'done' | 'closed';

export interface StatusDef {
  id: string;
  /** Lower-case as ClickUp returns it; the product upper-cases names for its override table. */
  status: string;
  type: StatusType;
  orderindex: number;
  color: string;
}

/** Colours of a tag created on the fly (ClickUp picks its own; clients must not depend on them). */
export const DEFAULT_TAG_COLORS = { tagFg: '#ffffff', tagBg: '#7b68ee' } as const;

export interface TagDef {
  name: string;
  tagFg: string;
  tagBg: string;
  creator: number;
}

export interface WorkspaceRecord {
  id: string;
  name: string;
  color: string;
  avatar: string | null;
  planId: number;
  planName: string;
}

export type MemberRole = 1 | 2 | 3 | 4;
/** `removed` members stay known so their old tasks and time entries still render a user. */
export type MemberStatus = 'active' | 'invited' | 'removed';

export interface MemberRecord {
  id: number;
  username: string | null;
  email: string;
  color: string;
  initials: string;
  role: MemberRole;
  status: MemberStatus;
  dateInvited: number;
  dateJoined: number | null;
  lastActive: number | null;
  invitedBy: number | null;
}

export interface SpaceFeatures {
  dueDates: boolean;
  startDates: boolean;
  timeTracking: boolean;
  timeEstimates: boolean;
  tags: boolean;
  points: boolean;
  customFields: boolean;
  checklists: boolean;
  dependencyWarning: boolean;
  priorities: boolean;
}

export interface SpaceRecord {
  id: string;
  name: string;
  color: string;
  private: boolean;
  archived: boolean;
  orderindex: number;
  statuses: StatusDef[];
  features: SpaceFeatures;
  multipleAssignees: boolean;
  /** ClickUp keeps folderless lists in a hidden folder; tasks and time entries expose its id. */
  hiddenFolderId: string;
  /** Prefix of custom task ids (Custom Task IDs ClickApp); null = tasks here have no custom id. */
  customIdPrefix: string | null;
  tags: TagDef[];
}

export interface FolderRecord {
  id: string;
  spaceId: string;
  name: string;
  orderindex: number;
  hidden: boolean;
  archived: boolean;
  overrideStatuses: boolean;
  statuses: StatusDef[] | null;
}

export interface ListRecord {
  id: string;
  spaceId: string;
  /** null for folderless lists (they live in the space's hidden folder). */
  folderId: string | null;
  name: string;
  content: string;
  orderindex: number;
  archived: boolean;
  overrideStatuses: boolean;
  statuses: StatusDef[] | null;
  dueDate: number | null;
  startDate: number | null;
}

export type CustomFieldType = 'drop_down' | 'number' | 'short_text' | 'checkbox' | 'date';

export interface CustomFieldDef {
  id: string;
  spaceId: string;
  name: string;
  type: CustomFieldType;
  typeConfig: Record<string, unknown>;
  dateCreated: number;
  hideFromGuests: boolean;
  required: boolean;
}

export interface DependencyLink {
  /** The task this one waits on. */
  dependsOn: string;
  dateCreated: number;
  userId: number;
}

export interface TaskRecord {
  id: string;
  /** Dense index used by the compact time-entry table to reference tasks. */
  index: number;
  customId: string | null;
  name: string;
  description: string;
  /** Status name as stored (lower-case); its type comes from the list's effective statuses. */
  status: string;
  priority: 1 | 2 | 3 | 4 | null;
  parentId: string | null;
  listId: string;
  /** Other lists the task was added to (Tasks in Multiple Lists). */
  extraListIds: string[];
  assigneeIds: number[];
  watcherIds: number[];
  creatorId: number;
  tags: string[];
  /** field id → value in ClickUp's wire form for the field type. */
  customFieldValues: Record<string, unknown>;
  waitsOn: DependencyLink[];
  dateCreated: number;
  dateUpdated: number;
  dateDone: number | null;
  dateClosed: number | null;
  dueDate: number | null;
  dueDateTime: boolean;
  startDate: number | null;
  startDateTime: boolean;
  timeEstimate: number | null;
  points: number | null;
  archived: boolean;
  orderindex: number;
  /** Sum of stopped time entries on this task (ms), kept up to date by every entry change. */
  timeSpent: number;
}

/** One time entry in plain form (the compact table materializes these on demand). */
export interface TimeEntryRecord {
  id: string;
  userId: number;
  taskId: string | null;
  start: number;
  /** null while the timer runs. */
  end: number | null;
  billable: boolean;
  description: string;
  tags: string[];
  source: string;
  /** Last modification time. */
  at: number;
}
