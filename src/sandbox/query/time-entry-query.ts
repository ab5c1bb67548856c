import { TimeEntryRecord } from '../model/sandbox-entities';
import type { SandboxStore } from '../sandbox-store';

export type TimeEntryLocation = { kind: 'space' | 'folder' | 'list' | 'task'; id: string };

export interface TimeEntryQuery {
  /** Inclusive bounds on the entry's start (ClickUp filters start_date/end_date on the start). */
  from: number;
  to: number;
  userIds: ReadonlySet<number>;
  location: TimeEntryLocation | null;
  billable: boolean | null;
}

/**
 * Entries in a start-time window for some users: a binary search on the compact table plus the
 * overlay, returned in ascending start order. A location narrows to the tasks whose home list
 * lies in that space/folder/list (or one task).
 */
export function queryTimeEntries(store: SandboxStore, q: TimeEntryQuery): TimeEntryRecord[] {
  const taskIds = q.location ? tasksAt(store, q.location) : null;
  const out: TimeEntryRecord[] = [];
  store.state.timeEntries.scan({ from: q.from, to: q.to, userIds: q.userIds, taskIds }, (e) => {
    if (q.billable === null || e.billable === q.billable) out.push(e);
  });
  return out.sort((a, b) => a.start - b.start || (a.id < b.id ? -1 : 1));
}

function tasksAt(store: SandboxStore, location: TimeEntryLocation): Set<string> {
  if (location.kind === 'task') return new Set([location.id]);
  const ids = new Set<string>();
  for (const task of store.state.tasks.values()) {
    const list = store.state.lists.get(task.listId);
    if (!list) continue;
    // Folderless lists live in the space's hidden folder, whose id a folder_id filter may name.
    const folderId = list.folderId ?? store.state.spaces.get(list.spaceId)?.hiddenFolderId;
    const scopeId = location.kind === 'list' ? list.id : location.kind === 'folder' ? folderId : list.spaceId;
    if (scopeId === location.id) ids.add(task.id);
  }
  return ids;
}
