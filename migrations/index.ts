import { InitialSchema1795319735001 } from './1795319735001-initial-schema';
import { SyncLeases1795319998000 } from './1795319998000-sync-leases';
import { TimeFactsIndexes1795321000000 } from './1795321000000-time-facts-indexes';
import { TimeEntryHome1795321100000 } from './1795321100000-time-entry-home';
import { SnapshotHistoryFields1795321200000 } from './1795321200000-snapshot-history-fields';
import { TaskTimeTotals1795321300000 } from './1795321300000-task-time-totals';
import { SyncRunOwner1795350000000 } from './1795350000000-sync-run-owner';
import { ProjectRegistryTargets1795370000000 } from './1795370000000-project-registry-targets';
import { ReadPaths1795380000000 } from './1795380000000-read-paths';
import { TaskSetSpaceIndex1795390000000 } from './1795390000000-task-set-space-index';
import { WorkloadExactShares1795400000000 } from './1795400000000-workload-exact-shares';
import { TimeEntrySpanStatistics1795410000000 } from './1795410000000-time-entry-span-statistics';
import { OpenWorkPeople1795420000000 } from './1795420000000-open-work-people';
import { TaskEstimateIndex1795430000000 } from './1795430000000-task-estimate-index';
import { SyncRunKindIndexes1795440000000 } from './1795440000000-sync-run-kind-indexes';
import { DataChangeLog1795450000000 } from './1795450000000-data-change-log';

// Every migration, in order. Imported explicitly (no globs) so the same list works under Jest,
// in the compiled server and in the migration CLI. Never edit a committed migration: add one.
// eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
export const MIGRATIONS: Function[] = [
  InitialSchema1795319735001,
  SyncLeases1795319998000,
  TimeFactsIndexes1795321000000,
  TimeEntryHome1795321100000,
  SnapshotHistoryFields1795321200000,
  TaskTimeTotals1795321300000,
  SyncRunOwner1795350000000,
  ProjectRegistryTargets1795370000000,
  ReadPaths1795380000000,
  TaskSetSpaceIndex1795390000000,
  WorkloadExactShares1795400000000,
  TimeEntrySpanStatistics1795410000000,
  OpenWorkPeople1795420000000,
  TaskEstimateIndex1795430000000,
  SyncRunKindIndexes1795440000000,
  DataChangeLog1795450000000,
];
