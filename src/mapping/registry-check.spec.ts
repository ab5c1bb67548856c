import type { CurrentTarget, RecordedTarget } from './project-registry.repository';
import { checkTarget, locationPath, recordChanged } from './registry-check';

const rec = (name: string | null, spaceId: string | null = null, folderId: string | null = null, path: string | null = null): RecordedTarget => ({
  name,
  spaceId,
  folderId,
  path,
});
const cur = (name: string, o: Partial<CurrentTarget> = {}): CurrentTarget => ({
  name,
  spaceId: 's1',
  spaceName: 'Mobile',
  folderId: 'f1',
  folderName: 'iOS App',
  archived: false,
  archivedContainer: null,
  deleted: false,
  ...o,
});

describe('checkTarget', () => {
  it.each([
    ['unchanged list', 'list', rec('Sprint', 's1', 'f1', 'Mobile › iOS App'), cur('Sprint'), []],
    ['renamed list', 'list', rec('Sprint', 's1', 'f1', 'Mobile › iOS App'), cur('Sprint 2'), ['renamed']],
    [
      'list moved to another folder',
      'list',
      rec('Sprint', 's1', 'f1', 'Mobile › iOS App'),
      cur('Sprint', { folderId: 'f2', folderName: 'Android App' }),
      ['moved'],
    ],
    [
      'list moved out of its folder',
      'list',
      rec('Sprint', 's1', 'f1', 'Mobile › iOS App'),
      cur('Sprint', { folderId: null, folderName: null }),
      ['moved'],
    ],
    [
      'folder moved to another space',
      'folder',
      rec('iOS App', 's1', null, 'Mobile'),
      cur('iOS App', { spaceId: 's2', spaceName: 'Web', folderId: null }),
      ['moved'],
    ],
    ['a folder never moves by its folder id', 'folder', rec('iOS App', 's1', null, 'Mobile'), cur('iOS App', { folderId: null }), []],
    ['archived itself', 'list', rec('Sprint', 's1', 'f1', 'Mobile › iOS App'), cur('Sprint', { archived: true }), ['archived']],
    [
      'in an archived space',
      'list',
      rec('Sprint', 's1', 'f1', 'Mobile › iOS App'),
      cur('Sprint', { archivedContainer: 'space Mobile' }),
      ['archived'],
    ],
    [
      'renamed, moved and archived at once',
      'list',
      rec('Sprint', 's1', 'f1', 'Mobile › iOS App'),
      cur('Sprint 2', { folderId: null, archived: true }),
      ['renamed', 'moved', 'archived'],
    ],
    ['deleted', 'list', rec('Sprint', 's1', 'f1'), cur('Sprint', { deleted: true }), ['deleted']],
    ['never synced', 'space', rec('Mobile'), null, ['deleted']],
    ['never checked: nothing to compare but the state', 'list', rec(null), cur('Sprint'), []],
  ] as const)('%s', (_label, kind, recorded, current, changes) => {
    expect(checkTarget(kind, recorded, current).changes).toEqual(changes);
  });

  it('says from where to where, and what to remember', () => {
    const c = checkTarget('list', rec('Sprint', 's1', 'f1', 'Mobile › iOS App'), cur('Sprint 2', { folderId: 'f2', folderName: 'Android App' }));
    expect(c.renamed).toEqual({ from: 'Sprint', to: 'Sprint 2' });
    expect(c.moved).toEqual({ from: 'Mobile › iOS App', to: 'Mobile › Android App' });
    expect(c.record).toEqual({ name: 'Sprint 2', spaceId: 's1', folderId: 'f2', path: 'Mobile › Android App' });
    expect(checkTarget('space', rec(null), cur('Mobile', { spaceId: 's1' })).record).toEqual({
      name: 'Mobile',
      spaceId: null,
      folderId: null,
      path: '',
    });
    expect(checkTarget('list', rec('x'), null).record).toBeNull();
    expect(checkTarget('list', rec('x'), cur('x', { archived: true })).archived).toBe('list x');
  });

  it('records only real differences', () => {
    expect(recordChanged(rec('a', 's', null, 'p'), rec('a', 's', null, 'p'))).toBe(false);
    expect(recordChanged(rec('a', 's', null, 'p'), rec('b', 's', null, 'p'))).toBe(true);
    expect(recordChanged(rec('a', 's', null, 'p'), rec('a', 's', 'f', 'p'))).toBe(true);
  });

  it('paths: folders by space, lists by space › folder', () => {
    expect(locationPath('space', { spaceName: 'Mobile', folderName: null })).toBe('');
    expect(locationPath('folder', { spaceName: 'Mobile', folderName: 'ignored' })).toBe('Mobile');
    expect(locationPath('list', { spaceName: 'Mobile', folderName: null })).toBe('Mobile');
    expect(locationPath('list', { spaceName: 'Mobile', folderName: 'iOS App' })).toBe('Mobile › iOS App');
  });
});
