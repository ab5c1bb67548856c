import type { FolderRowView, ListRowView, SpaceRowView } from './hierarchy-query.repository';
import { HierarchyIndex, listIdsOf, structureOf } from './hierarchy-structure';

const space = (id: string, name: string): SpaceRowView => ({
  id,
  workspaceId: 'w',
  name,
  private: false,
  archived: false,
  statuses: [],
  features: {},
  folderCount: 0,
  listCount: 0,
  taskCount: 0,
});
const folder = (id: string, spaceId: string, archived = false): FolderRowView => ({
  id,
  spaceId,
  spaceName: 'S',
  name: id,
  archived,
  overrideStatuses: false,
  statuses: null,
  listCount: 0,
  taskCount: 0,
});
const list = (id: string, spaceId: string, folderId: string | null, taskCount: number, archived = false): ListRowView => ({
  id,
  name: id,
  spaceId,
  spaceName: 'S',
  folderId,
  folderName: folderId,
  archived,
  statuses: [],
  statusesSource: 'space',
  statusesSourceId: null,
  taskCount,
  byCategory: {},
});
const h: HierarchyIndex = {
  spaces: [space('s1', 'Mobile'), space('s2', 'Web')],
  folders: [folder('f1', 's1'), folder('f2', 's1', true), folder('f3', 's2')],
  lists: [
    list('l1', 's1', 'f1', 3),
    list('l2', 's1', 'f1', 4, true),
    list('l3', 's1', 'f2', 5),
    list('l4', 's1', null, 6),
    list('l5', 's2', 'f3', 7),
  ],
};

describe('structureOf', () => {
  it('a space: its folders with their lists, its folderless lists; archived ones only when asked; counts add up', () => {
    const s = structureOf('space', 's1', h, false);
    expect(s.folders.map((f) => [f.id, f.lists.map((l) => l.id), f.taskCount])).toEqual([['f1', ['l1'], 3]]);
    expect(s.lists.map((l) => l.id)).toEqual(['l4']);
    expect(s.counts).toEqual({ folders: 1, lists: 2, tasks: 9 });
    expect(structureOf('space', 's1', h, true).counts).toEqual({ folders: 2, lists: 4, tasks: 18 });
  });

  it('a folder: its lists; a list: itself', () => {
    expect(structureOf('folder', 'f1', h, true)).toMatchObject({ folders: [], counts: { folders: 0, lists: 2, tasks: 7 } });
    expect(structureOf('folder', 'f2', h, false).counts).toEqual({ folders: 0, lists: 1, tasks: 5 });
    expect(structureOf('list', 'l2', h, false)).toMatchObject({
      lists: [{ id: 'l2', archived: true, taskCount: 4 }],
      counts: { lists: 1, tasks: 4 },
    });
  });

  it('list ids to sync: every list under the target, archived ones included', () => {
    expect(listIdsOf('space', 's1', h)).toEqual(['l1', 'l2', 'l3', 'l4']);
    expect(listIdsOf('folder', 'f1', h)).toEqual(['l1', 'l2']);
    expect(listIdsOf('list', 'l5', h)).toEqual(['l5']);
    expect(listIdsOf('list', 'gone', h)).toEqual([]);
  });
});
