import { FolderRecord, ListRecord, SpaceRecord, StatusDef } from './sandbox-entities';

/** Where a list's statuses come from: its own set, its folder's set, or the space's. */
export interface EffectiveStatuses {
  statuses: StatusDef[];
  source: 'list' | 'folder' | 'space';
}

export function effectiveStatusesOf(
  list: ListRecord,
  folders: ReadonlyMap<string, FolderRecord>,
  spaces: ReadonlyMap<string, SpaceRecord>,
): EffectiveStatuses {
  if (list.overrideStatuses && list.statuses) return { statuses: list.statuses, source: 'list' };
  const folder = list.folderId ? folders.get(list.folderId) : undefined;
  if (folder?.overrideStatuses && folder.statuses) return { statuses: folder.statuses, source: 'folder' };
  const space = spaces.get(list.spaceId);
  if (!space) throw new Error(`list ${list.id} belongs to unknown space ${list.spaceId}`);
  return { statuses: space.statuses, source: 'space' };
}

/** Case-insensitive lookup, as ClickUp matches status names. */
export function findStatus(statuses: readonly StatusDef[], name: string): StatusDef | undefined {
  const wanted = name.trim().toLowerCase();
  return statuses.find((s) => s.status.toLowerCase() === wanted);
}
