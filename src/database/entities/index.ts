import { AppStateEntity } from './app-state.entity';
import { DataChangeEntity } from './data-change.entity';
import { FolderEntity } from './folder.entity';
import { ListEntity } from './list.entity';
import { MemberEntity } from './member.entity';
import { ProjectEntity } from './project.entity';
import { OpenWorkCountEntity, OpenWorkPersonEntity, TaskCountEntity, TaskSearchEntity, TimeEntryCountEntity } from './read-counts.entities';
import { SpaceEntity } from './space.entity';
import { SyncCursorEntity } from './sync-cursor.entity';
import { SyncLeaseEntity } from './sync-lease.entity';
import { SyncRunEntity } from './sync-run.entity';
import { TaskSnapshotEntity } from './task-snapshot.entity';
import { TaskEntity } from './task.entity';
import { TaskAssigneeEntity, TaskDependencyEntity, TaskListEntity, TaskWatcherEntity } from './task-link.entities';
import { TaskTimeTotalEntity } from './task-time-total.entity';
import { TimeEntryEntity } from './time-entry.entity';
import { WorkspaceEntity } from './workspace.entity';

export * from './app-state.entity';
export * from './data-change.entity';
export * from './folder.entity';
export * from './list.entity';
export * from './member.entity';
export * from './project.entity';
export * from './read-counts.entities';
export * from './space.entity';
export * from './status-definition';
export * from './sync-cursor.entity';
export * from './sync-lease.entity';
export * from './sync-run.entity';
export * from './task-snapshot.entity';
export * from './task.entity';
export * from './task-link.entities';
export * from './task-time-total.entity';
export * from './time-entry.entity';
export * from './workspace.entity';

export const ENTITIES = [
  WorkspaceEntity,
  MemberEntity,
  SpaceEntity,
  FolderEntity,
  ListEntity,
  TaskEntity,
  TaskListEntity,
  TaskAssigneeEntity,
  TaskWatcherEntity,
  TaskDependencyEntity,
  TimeEntryEntity,
  ProjectEntity,
  SyncRunEntity,
  SyncCursorEntity,
  SyncLeaseEntity,
  TaskSnapshotEntity,
  AppStateEntity,
  TaskTimeTotalEntity,
  TaskCountEntity,
  TimeEntryCountEntity,
  TaskSearchEntity,
  OpenWorkCountEntity,
  OpenWorkPersonEntity,
  DataChangeEntity,
];
