import { CustomFieldDef, FolderRecord, ListRecord, MemberRecord, SpaceRecord, TagDef, TaskRecord, WorkspaceRecord } from '../model/sandbox-entities';
import { TimeEntryTable } from '../model/time-entry-table';

/** Counters for ids handed out after generation, so new entities never collide with generated ones. */
export interface IdCounters {
  space: number;
  folder: number;
  list: number;
  task: number;
  user: number;
  /** Next number per space for custom task ids (`MOB-42`). */
  customId: Map<string, number>;
}

/** Everything the sandbox knows; owned by SandboxStore, produced by the generator. */
export interface SandboxState {
  seed: number;
  sizeName: string;
  generatedAt: number;
  workspace: WorkspaceRecord;
  /** Every user ever seen in the workspace, including removed ones. */
  members: Map<number, MemberRecord>;
  spaces: Map<string, SpaceRecord>;
  folders: Map<string, FolderRecord>;
  lists: Map<string, ListRecord>;
  customFields: Map<string, CustomFieldDef>;
  tasks: Map<string, TaskRecord>;
  /** Dense index → task (undefined once deleted); the time-entry table references tasks by index. */
  tasksByIndex: (TaskRecord | undefined)[];
  timeEntries: TimeEntryTable;
  /** Workspace-wide time-entry tag definitions by name. */
  timeEntryTags: Map<string, TagDef>;
  /** Personal tokens (`pk_…`) → user id. */
  tokens: Map<string, number>;
  deletedTaskIds: Set<string>;
  deletedTimeEntryIds: Set<string>;
  counters: IdCounters;
}
