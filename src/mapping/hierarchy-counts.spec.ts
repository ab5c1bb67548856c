import { countHierarchy, listsInScope } from './hierarchy-counts';
import { FolderBase, ListBase, ListCountRow, SpaceBase } from './hierarchy-query.repository';

// Space S (live):  folder F1 (live): lists A (live), B (archived)
//                  folder F2 (archived): list C (live)
//                  folderless: list D (live), E (archived)
// Space Z (archived): folderless list Y (live)
const space = (id: string, archived = false): SpaceBase => ({ id, workspaceId: 'w', name: id, private: false, archived, statuses: [], features: {} });
const folder = (id: string, spaceId: string, archived = false): FolderBase => ({
  id,
  workspaceId: 'w',
  spaceId,
  spaceName: spaceId,
  name: id,
  archived,
  hidden: false,
  overrideStatuses: false,
  statuses: null,
});
const list = (id: string, spaceId: string, folderId: string | null, archived = false): ListBase => ({
  id,
  workspaceId: 'w',
  name: id,
  spaceId,
  spaceName: spaceId,
  folderId,
  folderName: folderId,
  archived,
  statuses: [],
  statusesSource: 'space',
  statusesSourceId: null,
});
const structure = {
  spaces: [space('S'), space('Z', true)],
  folders: [folder('F1', 'S'), folder('F2', 'S', true)],
  lists: [
    list('A', 'S', 'F1'),
    list('B', 'S', 'F1', true),
    list('C', 'S', 'F2'),
    list('D', 'S', null),
    list('E', 'S', null, true),
    list('Y', 'Z', null),
  ],
};
// Every list: 3 active tasks and 1 archived done task.
const rows: ListCountRow[] = structure.lists.flatMap((l) => [
  { listId: l.id, category: 'active' as const, archived: false, n: 3 },
  { listId: l.id, category: 'done' as const, archived: true, n: 1 },
]);

describe('countHierarchy (rule 4)', () => {
  const by = <T extends { id: string }>(xs: T[]) => Object.fromEntries(xs.map((x) => [x.id, x]));

  it.each<[string, boolean, Record<string, [number, number, number]>, Record<string, [number, number]>, Record<string, number>]>([
    // [name, includeArchived, space → [folders, lists, tasks], folder → [lists, tasks], list → tasks]
    [
      'hides what is archived inside each item; an archived item still counts its own',
      false,
      { S: [1, 2, 6], Z: [0, 1, 3] },
      { F1: [1, 3], F2: [1, 3] },
      { A: 3, B: 3, C: 3, D: 3, E: 3, Y: 3 },
    ],
    [
      'counts everything with include_archived',
      true,
      { S: [2, 5, 20], Z: [0, 1, 4] },
      { F1: [2, 8], F2: [1, 4] },
      { A: 4, B: 4, C: 4, D: 4, E: 4, Y: 4 },
    ],
  ])('%s', (_why, includeArchived, spaces, folders, lists) => {
    const c = countHierarchy(structure, rows, includeArchived);
    expect(Object.fromEntries(Object.entries(by(c.spaces)).map(([k, s]) => [k, [s.folderCount, s.listCount, s.taskCount]]))).toEqual(spaces);
    expect(Object.fromEntries(Object.entries(by(c.folders)).map(([k, f]) => [k, [f.listCount, f.taskCount]]))).toEqual(folders);
    expect(Object.fromEntries(c.lists.map((l) => [l.id, l.taskCount]))).toEqual(lists);
  });

  it('a space equals the sum of the folders and folderless lists a listing shows under it', () => {
    const c = countHierarchy(structure, rows, false);
    const s = c.spaces.find((x) => x.id === 'S')!;
    const shownFolders = c.folders.filter((f) => f.spaceId === 'S' && !f.archived);
    const shownFolderless = c.lists.filter((l) => l.spaceId === 'S' && !l.folderId && !l.archived);
    expect(s.folderCount).toBe(shownFolders.length);
    expect(s.listCount).toBe(shownFolders.reduce((n, f) => n + f.listCount, 0) + shownFolderless.length);
    expect(s.taskCount).toBe(shownFolders.reduce((n, f) => n + f.taskCount, 0) + shownFolderless.reduce((n, l) => n + l.taskCount, 0));
  });

  it('counts per category leave out empty categories', () => {
    expect(countHierarchy(structure, rows, false).lists[0].byCategory).toEqual({ active: 3 });
    expect(countHierarchy(structure, rows, true).lists[0].byCategory).toEqual({ active: 3, done: 1 });
  });
});

describe('listsInScope (rule 4)', () => {
  it.each<[string, 'workspace' | 'space' | 'folder' | 'list', string, boolean, string[]]>([
    ['workspace: archived lists, lists of archived folders and spaces out', 'workspace', 'w', false, ['A', 'D']],
    ['workspace with include_archived: all', 'workspace', 'w', true, ['A', 'B', 'C', 'D', 'E', 'Y']],
    ['space: archived lists and folders inside it out', 'space', 'S', false, ['A', 'D']],
    ['an archived space named directly keeps its own lists', 'space', 'Z', false, ['Y']],
    ['an archived folder named directly keeps its live lists', 'folder', 'F2', false, ['C']],
    ['a folder leaves out its archived lists', 'folder', 'F1', false, ['A']],
    ['an archived list named directly is its own scope', 'list', 'B', false, ['B']],
  ])('%s', (_why, kind, id, includeArchived, expected) => {
    expect(listsInScope(structure, { kind, id }, includeArchived).map((l) => l.id)).toEqual(expected);
  });
});
