/**
 * What the mappers produce and the write repositories store: plain rows in database terms
 * (ms timestamps already turned into Dates), independent of ClickUp's payload shapes.
 */
export interface WorkspaceRow {
  id: string;
  name: string;
  color: string | null;
  /** undefined: unknown this time, keep the stored value (TypeORM's upsert leaves it out). */
  plan?: string | null;
}

export interface MemberRow {
  workspaceId: string;
  userId: number;
  username: string | null;
  email: string | null;
  color: string | null;
  initials: string | null;
  profilePicture: string | null;
  role: number | null;
  roleKey: string | null;
  status: string;
  lastActive: Date | null;
  dateJoined: Date | null;
}

export interface StatusRow {
  id?: string | null;
  status: string;
  type: string;
  orderindex: number;
  color?: string | null;
}

export interface SpaceRow {
  id: string;
  workspaceId: string;
  name: string;
  color: string | null;
  private: boolean;
  archived: boolean;
  multipleAssignees: boolean;
  statuses: StatusRow[];
  features: Record<string, unknown>;
}

export interface FolderRow {
  id: string;
  workspaceId: string;
  spaceId: string;
  name: string;
  orderindex: number | null;
  hidden: boolean;
  archived: boolean;
  overrideStatuses: boolean;
  statuses: StatusRow[] | null;
  taskCount: number | null;
}

export interface ListRow {
  id: string;
  workspaceId: string;
  spaceId: string;
  folderId: string | null;
  name: string;
  orderindex: number | null;
  content: string | null;
  archived: boolean;
  overrideStatuses: boolean;
  statuses: StatusRow[];
  statusesSource: 'list' | 'folder' | 'space';
  statusesSourceId: string | null;
  taskCount: number | null;
  dueDate: Date | null;
  startDate: Date | null;
}

export interface TaskRow {
  id: string;
  customId: string | null;
  workspaceId: string;
  name: string;
  textContent: string | null;
  description: string | null;
  status: string;
  statusType: string;
  statusCategory: string;
  statusColor: string | null;
  priority: number | null;
  parentId: string | null;
  topLevelParentId: string | null;
  listId: string;
  folderId: string | null;
  spaceId: string;
  creatorId: number | null;
  dateCreated: Date;
  dateUpdated: Date;
  dateDone: Date | null;
  dateClosed: Date | null;
  dueDate: Date | null;
  startDate: Date | null;
  timeEstimate: number | null;
  points: number | null;
  tags: string[];
  customFields: unknown[];
  customItemId: number | null;
  archived: boolean;
  url: string | null;
  raw: Record<string, unknown> | null;
}

/** A task with its relational parts, replaced together. */
export interface TaskBundle {
  task: TaskRow;
  assigneeIds: number[];
  watcherIds: number[];
  extraListIds: string[];
  /** Edges this payload knows of: `taskId` waits on `dependsOn`. */
  dependencies: { taskId: string; dependsOn: string; type: number }[];
}

export interface TimeEntryRow {
  id: string;
  workspaceId: string;
  taskId: string | null;
  userId: number;
  startAt: Date;
  endAt: Date | null;
  durationMs: number | null;
  running: boolean;
  billable: boolean;
  description: string | null;
  tags: string[];
  source: string | null;
  modifiedAt: Date | null;
  listId: string | null;
  folderId: string | null;
  spaceId: string | null;
}
