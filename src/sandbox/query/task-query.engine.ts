import { TaskRecord } from '../model/sandbox-entities';
import type { SandboxStore } from '../sandbox-store';
import { TaskFilter, TaskOrder } from './task-filter';

export const TASK_PAGE_SIZE = 100;
const RESULT_CACHE_SIZE = 64;

export interface TaskPage {
  tasks: TaskRecord[];
  lastPage: boolean;
}

/**
 * Runs task listings the way ClickUp does (see docs/sandbox.md for each rule). Sorted orders and
 * whole filtered results are cached per store version, so paging through 1,000 pages of the large
 * workspace sorts and filters once instead of once per page.
 */
export class TaskQueryEngine {
  private cacheVersion = -1;
  private readonly sorted = new Map<TaskOrder, TaskRecord[]>();
  private readonly results = new Map<string, TaskRecord[]>();

  constructor(private readonly store: SandboxStore) {}

  page(filter: TaskFilter, page: number): TaskPage {
    const all = this.run(filter);
    const start = page * TASK_PAGE_SIZE;
    return { tasks: all.slice(start, start + TASK_PAGE_SIZE), lastPage: start + TASK_PAGE_SIZE >= all.length };
  }

  run(filter: TaskFilter): TaskRecord[] {
    this.syncVersion();
    const key = JSON.stringify(filter);
    const cached = this.results.get(key);
    if (cached) {
      // Refresh recency for the LRU.
      this.results.delete(key);
      this.results.set(key, cached);
      return cached;
    }
    const base = this.sortedBy(filter.orderBy);
    const matches = this.matcher(filter);
    const out: TaskRecord[] = [];
    if (filter.reverse) {
      // Descending by the key, but tasks without a due date stay last, as in ClickUp.
      const withKey: TaskRecord[] = [];
      const withoutKey: TaskRecord[] = [];
      for (let i = base.length - 1; i >= 0; i--) {
        const t = base[i];
        if (!matches(t)) continue;
        (filter.orderBy === 'due_date' && t.dueDate === null ? withoutKey : withKey).push(t);
      }
      withoutKey.reverse();
      out.push(...withKey, ...withoutKey);
    } else {
      for (const t of base) if (matches(t)) out.push(t);
    }
    this.results.set(key, out);
    if (this.results.size > RESULT_CACHE_SIZE) this.results.delete(this.results.keys().next().value as string);
    return out;
  }

  private syncVersion(): void {
    if (this.cacheVersion === this.store.version) return;
    this.cacheVersion = this.store.version;
    this.sorted.clear();
    this.results.clear();
  }

  private sortedBy(order: TaskOrder): TaskRecord[] {
    let list = this.sorted.get(order);
    if (list) return list;
    const byId = (a: TaskRecord, b: TaskRecord) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
    const key = (t: TaskRecord): number =>
      order === 'created' ? t.dateCreated : order === 'updated' ? t.dateUpdated : (t.dueDate ?? Number.POSITIVE_INFINITY);
    list = [...this.store.state.tasks.values()];
    list.sort(order === 'id' ? byId : (a, b) => key(a) - key(b) || byId(a, b));
    this.sorted.set(order, list);
    return list;
  }

  private matcher(f: TaskFilter): (t: TaskRecord) => boolean {
    const store = this.store;
    const statuses = new Set(f.statuses);
    const assignees = new Set(f.assignees);
    const watchers = new Set(f.watchers);
    const tags = new Set(f.tags);
    const spaceIds = new Set(f.spaceIds);
    const folderIds = new Set(f.folderIds);
    const listIds = new Set(f.listIds);
    const hiddenByContainer = new Map<string, boolean>();
    const inRange = (v: number | null, gt: number | null, lt: number | null, gtInclusive = false) => {
      if (gt === null && lt === null) return true;
      if (v === null) return false;
      if (gt !== null && (gtInclusive ? v < gt : v <= gt)) return false;
      return lt === null || v < lt;
    };
    const inList = (t: TaskRecord, ids: Set<string>) => ids.has(t.listId) || (f.includeTiml && t.extraListIds.some((id) => ids.has(id)));

    return (t) => {
      if (f.listId !== null) {
        if (t.listId !== f.listId && !(f.includeTiml && t.extraListIds.includes(f.listId))) return false;
      } else {
        // The team endpoint never returns tasks whose list, folder or space is archived.
        let hidden = hiddenByContainer.get(t.listId);
        if (hidden === undefined) hiddenByContainer.set(t.listId, (hidden = store.isInArchivedContainer(t.listId)));
        if (hidden) return false;
      }
      if (t.archived !== f.archived) return false;
      if (f.parent !== null ? t.parentId !== f.parent : !f.subtasks && t.parentId !== null) return false;
      const status = store.statusOf(t);
      if (statuses.size > 0 && !statuses.has(status.status.toLowerCase())) return false;
      // Closed tasks need include_closed, unless the caller names their status explicitly.
      if (status.type === 'closed' && !f.includeClosed && statuses.size === 0) return false;
      if (assignees.size > 0 && !t.assigneeIds.some((id) => assignees.has(id))) return false;
      if (watchers.size > 0 && !t.watcherIds.some((id) => watchers.has(id))) return false;
      if (tags.size > 0 && !t.tags.some((tag) => tags.has(tag))) return false;
      if (listIds.size > 0 && !inList(t, listIds)) return false;
      if (spaceIds.size > 0 || folderIds.size > 0) {
        const { list, space } = store.locationOf(t.listId);
        if (spaceIds.size > 0 && !spaceIds.has(space.id)) return false;
        if (folderIds.size > 0 && !folderIds.has(list.folderId ?? space.hiddenFolderId)) return false;
      }
      if (f.customItems.length > 0 && !f.customItems.includes(0)) return false;
      if (!inRange(t.dateCreated, f.dateCreatedGt, f.dateCreatedLt)) return false;
      // ClickUp's date_updated_gt behaves as ≥ (noted by tap-clickup); the other bounds are strict.
      if (!inRange(t.dateUpdated, f.dateUpdatedGt, f.dateUpdatedLt, true)) return false;
      if (!inRange(t.dateDone, f.dateDoneGt, f.dateDoneLt)) return false;
      if (!inRange(t.dueDate, f.dueDateGt, f.dueDateLt)) return false;
      return true;
    };
  }
}
