/**
 * The sandbox's ground truth as plain JSON, close to a relational model: one array per entity,
 * foreign keys as ids, every time a number of epoch milliseconds, arrays sorted by id.
 * Deleted tasks and time entries are absent from the main arrays and listed under `deleted`.
 * Tests compare what the product synced with this.
 */

export type DumpStatusType = 'open' | 'custom' | 'done' | 'closed';

export interface DumpStatus {
  id: string;
  status: string;
  type: DumpStatusType;
  orderindex: number;
  color: string;
}

export interface DumpWorkspace {
  id: string;
  name: string;
  color: string;
  avatar: string | null;
  plan: { id: number; name: string };
}

export interface DumpMember {
  workspaceId: string;
  id: number;
  /** null for a pending invitee. */
  username: string | null;
  email: string;
  color: string;
  initials: string;
  role: 1 | 2 | 3 | 4;
  roleKey: 'owner' | 'admin' | 'member' | 'guest';
  status: 'active' | 'invited';
  dateInvited: number;
  dateJoined: number | null;
  lastActive: number | null;
}

export interface DumpSpace {
  id: string;
  workspaceId: string;
  name: string;
  color: string;
  private: boolean;
  archived: boolean;
  orderindex: number;
  statuses: DumpStatus[];
  features: {
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
  };
  multipleAssignees: boolean;
  /** Id of the hidden folder ClickUp reports as `folder` for folderless lists and their tasks. */
  hiddenFolderId: string;
  customIdPrefix: string | null;
  tags: DumpTagDef[];
}

export interface DumpTagDef {
  name: string;
  tagFg: string;
  tagBg: string;
  creator: number;
}

export interface DumpFolder {
  id: string;
  spaceId: string;
  name: string;
  orderindex: number;
  hidden: boolean;
  archived: boolean;
  overrideStatuses: boolean;
  /** Own statuses when overrideStatuses, else null (inherited from the space). */
  statuses: DumpStatus[] | null;
}

export interface DumpList {
  id: string;
  spaceId: string;
  /** null for folderless lists. */
  folderId: string | null;
  name: string;
  content: string;
  orderindex: number;
  archived: boolean;
  overrideStatuses: boolean;
  statuses: DumpStatus[] | null;
  /** The statuses tasks in this list use (own, folder's or space's) and where they come from. */
  effectiveStatusSource: 'list' | 'folder' | 'space';
  dueDate: number | null;
  startDate: number | null;
}

export interface DumpCustomField {
  id: string;
  spaceId: string;
  name: string;
  type: string;
  typeConfig: Record<string, unknown>;
  dateCreated: number;
  hideFromGuests: boolean;
  required: boolean;
}

export interface DumpTaskDependency {
  /** The waiting task. */
  taskId: string;
  /** The task it waits on. */
  dependsOn: string;
  /** As ClickUp reports it on this task: 0 = this task waits on dependsOn, 1 = this task blocks taskId. */
  type: 0 | 1;
  dateCreated: number;
  userId: number;
}

export interface DumpTask {
  id: string;
  customId: string | null;
  workspaceId: string;
  name: string;
  textContent: string;
  description: string;
  status: string;
  statusType: DumpStatusType;
  priority: 1 | 2 | 3 | 4 | null;
  parentId: string | null;
  topLevelParentId: string | null;
  listId: string;
  /** null for tasks in folderless lists. */
  folderId: string | null;
  spaceId: string;
  extraListIds: string[];
  assigneeIds: number[];
  watcherIds: number[];
  creatorId: number;
  tags: string[];
  /** Only fields that have a value, in ClickUp's wire form for the field type. */
  customFields: { fieldId: string; value: unknown }[];
  dependencies: DumpTaskDependency[];
  dateCreated: number;
  dateUpdated: number;
  dateDone: number | null;
  dateClosed: number | null;
  dueDate: number | null;
  startDate: number | null;
  timeEstimate: number | null;
  points: number | null;
  archived: boolean;
  /** Sum of stopped time entries on the task (ClickUp's time_spent), 0 when none. */
  timeSpent: number;
  orderindex: number;
}

export interface DumpTimeEntry {
  id: string;
  workspaceId: string;
  taskId: string | null;
  userId: number;
  start: number;
  /** null while running. */
  end: number | null;
  /** end − start; while running, −start (ClickUp's convention, and it keeps dumps deterministic). */
  duration: number;
  running: boolean;
  billable: boolean;
  description: string;
  tags: string[];
  source: string;
  at: number;
}

export interface SandboxDump {
  /** The generation anchor (`now` option). */
  generatedAt: number;
  seed: number;
  size: string;
  workspaces: DumpWorkspace[];
  members: DumpMember[];
  spaces: DumpSpace[];
  folders: DumpFolder[];
  lists: DumpList[];
  customFields: DumpCustomField[];
  tasks: DumpTask[];
  /** Omitted (empty) when the dump was taken with `includeTimeEntries: false`. */
  timeEntries: DumpTimeEntry[];
  timeEntryTags: DumpTagDef[];
  /** memberIds: people removed from the workspace (still the authors of old tasks and time entries). */
  deleted: { taskIds: string[]; timeEntryIds: string[]; memberIds: number[] };
}

export interface DumpOptions {
  /** Default true. The large workspace's million entries make a dump of several hundred MB. */
  includeTimeEntries?: boolean;
}
