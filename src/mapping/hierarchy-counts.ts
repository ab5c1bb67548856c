import { FolderBase, FolderRowView, ListBase, ListCountRow, ListRowView, SpaceBase, SpaceRowView } from './hierarchy-query.repository';

/**
 * Counts of the hierarchy, one rule for every number shown (the contract's Reporting rule 4):
 * with `includeArchived` false, everything archived *inside* an item is left out of its counts
 * — archived tasks, archived lists, lists of archived folders, archived folders — while an item
 * that is itself archived still counts its own contents. So the numbers shown side by side
 * always agree: a folder's task count is the sum over the lists get_folders shows under it, a
 * space's folder and list counts are what get_folders and get_folderless_lists list, a list's
 * count is get_list_progress's total. Pure.
 */
export interface CountedHierarchy {
  spaces: SpaceRowView[];
  folders: FolderRowView[];
  lists: ListRowView[];
}

export function countHierarchy(
  s: { spaces: SpaceBase[]; folders: FolderBase[]; lists: ListBase[] },
  rows: ListCountRow[],
  includeArchived: boolean,
): CountedHierarchy {
  const perList = new Map<string, Record<string, number>>();
  for (const r of rows) {
    if (r.n <= 0 || (r.archived && !includeArchived)) continue;
    const c = perList.get(r.listId) ?? {};
    c[r.category] = (c[r.category] ?? 0) + r.n;
    perList.set(r.listId, c);
  }
  const lists: ListRowView[] = s.lists.map(({ workspaceId: _ws, ...l }) => {
    const byCategory = perList.get(l.id) ?? {};
    let taskCount = 0;
    for (const k in byCategory) taskCount += byCategory[k];
    return { ...l, byCategory, taskCount };
  });
  const folderById = new Map(s.folders.map((f) => [f.id, f]));
  const add = <K, V>(m: Map<K, V[]>, k: K, v: V) => {
    const xs = m.get(k);
    if (xs) xs.push(v);
    else m.set(k, [v]);
  };
  const listsOfFolder = new Map<string, ListRowView[]>();
  const listsOfSpace = new Map<string, ListRowView[]>();
  for (const l of lists) {
    if (!includeArchived && l.archived) continue;
    if (l.folderId) add(listsOfFolder, l.folderId, l);
    // A list in an archived folder is archived inside the space.
    if (!includeArchived && l.folderId && folderById.get(l.folderId)?.archived) continue;
    add(listsOfSpace, l.spaceId, l);
  }
  const foldersOfSpace = new Map<string, number>();
  for (const f of s.folders) {
    if (!f.hidden && (includeArchived || !f.archived)) foldersOfSpace.set(f.spaceId, (foldersOfSpace.get(f.spaceId) ?? 0) + 1);
  }
  const sum = (ls: ListRowView[] | undefined) => (ls ?? []).reduce((a, l) => a + l.taskCount, 0);
  const folders: FolderRowView[] = s.folders.map(({ workspaceId: _ws, hidden: _h, ...f }) => ({
    ...f,
    listCount: listsOfFolder.get(f.id)?.length ?? 0,
    taskCount: sum(listsOfFolder.get(f.id)),
  }));
  const spaces: SpaceRowView[] = s.spaces.map((sp) => ({
    ...sp,
    folderCount: foldersOfSpace.get(sp.id) ?? 0,
    listCount: listsOfSpace.get(sp.id)?.length ?? 0,
    taskCount: sum(listsOfSpace.get(sp.id)),
  }));
  return { spaces, folders, lists };
}

/**
 * The lists whose tasks a scope shows: every list inside it, minus (unless `includeArchived`)
 * the lists archived inside it — archived lists, lists of archived folders, and for the
 * workspace lists of archived spaces. A scope that is itself archived keeps its own lists.
 */
export function listsInScope(
  s: { folders: FolderBase[]; lists: ListBase[]; spaces: SpaceBase[] },
  scope: { kind: 'workspace' | 'space' | 'folder' | 'list'; id: string },
  includeArchived: boolean,
): ListBase[] {
  const folder = new Map(s.folders.map((f) => [f.id, f]));
  const space = new Map(s.spaces.map((x) => [x.id, x]));
  return s.lists.filter((l) => {
    const inside = scope.kind === 'workspace' || (scope.kind === 'space' ? l.spaceId : scope.kind === 'folder' ? l.folderId : l.id) === scope.id;
    if (!inside) return false;
    if (includeArchived || scope.kind === 'list') return true;
    if (l.archived) return false;
    if (scope.kind === 'folder') return true;
    if (l.folderId && folder.get(l.folderId)?.archived) return false;
    return scope.kind === 'space' || !space.get(l.spaceId)?.archived;
  });
}
