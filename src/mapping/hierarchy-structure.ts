import type { FolderRowView, ListRowView, SpaceRowView } from './hierarchy-query.repository';
import type { ProjectKind } from './project-target';

export interface ListNode {
  id: string;
  name: string;
  archived: boolean;
  taskCount: number;
}

export interface FolderNode {
  id: string;
  name: string;
  archived: boolean;
  taskCount: number;
  lists: ListNode[];
}

/** What a space, folder or list contains: folders → lists, and lists directly in it, with counts that add up. */
export interface Structure {
  folders: FolderNode[];
  /** A space's folderless lists, a folder's lists, or the list itself. */
  lists: ListNode[];
  counts: { folders: number; lists: number; tasks: number };
}

export interface HierarchyIndex {
  spaces: SpaceRowView[];
  folders: FolderRowView[];
  lists: ListRowView[];
}

const listNode = (l: ListRowView): ListNode => ({ id: l.id, name: l.name, archived: l.archived, taskCount: l.taskCount });

/**
 * The structure under a target, from the synced hierarchy. Archived folders and lists inside it
 * are left out unless asked for (Reporting rule 4; the target itself always shows), and every
 * task count is the sum of the lists shown, so counts side by side agree. Pure.
 */
export function structureOf(kind: ProjectKind, id: string, h: HierarchyIndex, includeArchived: boolean): Structure {
  const shown = (x: { archived: boolean }) => includeArchived || !x.archived;
  let folders: FolderNode[] = [];
  let lists: ListNode[] = [];
  if (kind === 'space') {
    folders = h.folders.filter((f) => f.spaceId === id && shown(f)).map((f) => folderNode(f, h.lists, shown));
    lists = h.lists.filter((l) => l.spaceId === id && !l.folderId && shown(l)).map(listNode);
  } else if (kind === 'folder') {
    lists = h.lists.filter((l) => l.folderId === id && shown(l)).map(listNode);
  } else {
    lists = h.lists.filter((l) => l.id === id).map(listNode);
  }
  const all = [...folders.flatMap((f) => f.lists), ...lists];
  return { folders, lists, counts: { folders: folders.length, lists: all.length, tasks: all.reduce((n, l) => n + l.taskCount, 0) } };
}

function folderNode(f: FolderRowView, lists: ListRowView[], shown: (x: { archived: boolean }) => boolean): FolderNode {
  const own = lists.filter((l) => l.folderId === f.id && shown(l)).map(listNode);
  return { id: f.id, name: f.name, archived: f.archived, taskCount: own.reduce((n, l) => n + l.taskCount, 0), lists: own };
}

/** Every list id under a target, archived ones included (what a project refresh syncs). */
export function listIdsOf(kind: ProjectKind, id: string, h: HierarchyIndex): string[] {
  if (kind === 'list') return h.lists.some((l) => l.id === id) ? [id] : [];
  return h.lists.filter((l) => (kind === 'space' ? l.spaceId === id : l.folderId === id)).map((l) => l.id);
}
