import { ProjectKind } from './project-target';
import type { CurrentTarget, RecordedTarget } from './project-registry.repository';

/** What can have happened to an entry's target since it was last checked (several at once). */
export type TargetChange = 'renamed' | 'moved' | 'archived' | 'deleted';

export interface TargetCheck {
  /** Empty: the target is where and what it was. */
  changes: TargetChange[];
  renamed: { from: string; to: string } | null;
  moved: { from: string; to: string } | null;
  /** What is archived: the target itself, or the folder/space it sits in. */
  archived: string | null;
  /** The target as it is now, to remember for the next check (null when deleted: keep what was known). */
  record: RecordedTarget | null;
}

/** "Space › Folder" a target sits in ("" for a space). */
export function locationPath(kind: ProjectKind, t: Pick<CurrentTarget, 'spaceName' | 'folderName'>): string {
  if (kind === 'space') return '';
  return [t.spaceName, kind === 'list' ? t.folderName : null].filter((x): x is string => !!x).join(' › ');
}

/**
 * Compares a registry entry's recorded target with the synced hierarchy. The entry points at an
 * id, so a rename or a move does not break it — but the person who chose the alias should hear
 * of it. Archived is a state (reported on every check); renamed and moved are changes since the
 * last check. Nothing here deletes an entry: a deleted target is reported until someone removes
 * the alias. Pure.
 */
export function checkTarget(kind: ProjectKind, recorded: RecordedTarget, current: CurrentTarget | null): TargetCheck {
  if (!current || current.deleted) return { changes: ['deleted'], renamed: null, moved: null, archived: null, record: null };
  const changes: TargetChange[] = [];
  const path = locationPath(kind, current);
  const renamed = recorded.name !== null && recorded.name !== current.name ? { from: recorded.name, to: current.name } : null;
  if (renamed) changes.push('renamed');
  const movedSpace = kind !== 'space' && recorded.spaceId !== null && recorded.spaceId !== current.spaceId;
  const movedFolder = kind === 'list' && recorded.spaceId !== null && recorded.folderId !== current.folderId;
  const moved = movedSpace || movedFolder ? { from: recorded.path ?? '?', to: path } : null;
  if (moved) changes.push('moved');
  const archived = current.archived ? `${kind} ${current.name}` : current.archivedContainer;
  if (archived) changes.push('archived');
  return {
    changes,
    renamed,
    moved,
    archived,
    record: { name: current.name, spaceId: kind === 'space' ? null : current.spaceId, folderId: kind === 'list' ? current.folderId : null, path },
  };
}

/** Whether the recorded target differs from what a check found (then it is written back). */
export function recordChanged(a: RecordedTarget, b: RecordedTarget): boolean {
  return a.name !== b.name || a.spaceId !== b.spaceId || a.folderId !== b.folderId || a.path !== b.path;
}
