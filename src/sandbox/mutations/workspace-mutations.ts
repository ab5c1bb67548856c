import { initialsOf, personalToken, uniqueUserId } from '../generator/workspace.generator';
import { Random } from '../generator/prng';
import { ListRecord, MemberRecord, MemberRole } from '../model/sandbox-entities';
import type { SandboxStore } from '../sandbox-store';
import { SandboxChange } from '../store/sandbox-change.types';
import { Errors, WriteErrors } from '../store/sandbox-error';

export interface AddMemberInput {
  username?: string;
  email?: string;
  /** 2 admin, 3 member (default), 4 guest. */
  role?: Exclude<MemberRole, 1>;
  /** A pending invitee: null username, no token until accepted. */
  invited?: boolean;
}

/** Members and hierarchy changes. */
export class WorkspaceMutations {
  constructor(private readonly store: SandboxStore) {}

  addMember(input: AddMemberInput = {}): MemberRecord {
    const s = this.store.state;
    const n = s.counters.user++;
    // A stream per new member keeps ids and tokens reproducible for a given seed and history.
    const random = new Random(s.seed).fork(`member-${n}`);
    const id = uniqueUserId(random, new Set(s.members.keys()));
    const at = this.store.clock.tick();
    const username = input.invited ? null : (input.username ?? `New Member ${n}`);
    const email = input.email ?? `member.${n}@example.com`;
    const member: MemberRecord = {
      id,
      username,
      email,
      color: '#02bcd4',
      initials: initialsOf(username, email),
      role: input.role ?? 3,
      status: input.invited ? 'invited' : 'active',
      dateInvited: at,
      dateJoined: input.invited ? null : at,
      lastActive: input.invited ? null : at,
      invitedBy: this.store.ownerId,
    };
    s.members.set(id, member);
    if (!input.invited) s.tokens.set(personalToken(random, id), id);
    this.store.markChanged();
    return member;
  }

  /**
   * Removes someone from the workspace: they are unassigned from every task (a change to those
   * tasks) and their running timer stops. Their past time entries stay, as in ClickUp; their
   * token still authenticates but no longer opens this workspace.
   */
  removeMember(userId: number): MemberRecord {
    const member = this.store.member(userId);
    if (!member || member.status === 'removed') throw WriteErrors.notAMember(userId);
    if (member.role === 1) throw WriteErrors.ownerRemoval();
    if (this.store.state.timeEntries.runningIdFor(userId)) this.store.mutations.stopTimer(userId, this.store.ownerId);
    const at = this.store.clock.tick();
    const changes: SandboxChange[] = [];
    for (const task of this.store.state.tasks.values()) {
      const wasAssignee = task.assigneeIds.includes(userId);
      const wasWatcher = task.watcherIds.includes(userId);
      if (!wasAssignee && !wasWatcher) continue;
      task.assigneeIds = task.assigneeIds.filter((id) => id !== userId);
      task.watcherIds = task.watcherIds.filter((id) => id !== userId);
      task.dateUpdated = at;
      changes.push({
        kind: 'taskUpdated',
        taskId: task.id,
        userId: this.store.ownerId,
        at,
        changes: [
          ...(wasAssignee ? [{ field: 'assignee_rem' as const, before: userId, after: null }] : []),
          ...(wasWatcher ? [{ field: 'watcher_rem' as const, before: userId, after: null }] : []),
        ],
      });
    }
    member.status = 'removed';
    this.store.markChanged(...changes);
    return member;
  }

  /** Archiving a list does not touch its tasks, so their date_updated stays: the sync must notice by itself. */
  archiveList(listId: string, archived = true): ListRecord {
    const list = this.store.requireList(listId);
    if (list.archived === archived) return list;
    const before = list.archived;
    list.archived = archived;
    this.emitList(list, 'archived', before, archived);
    return list;
  }

  renameList(listId: string, name: string): ListRecord {
    const list = this.store.requireList(listId);
    const trimmed = name.trim();
    if (!trimmed) throw Errors.badInput('List name invalid');
    if (list.name === trimmed) return list;
    const before = list.name;
    list.name = trimmed;
    this.emitList(list, 'name', before, trimmed);
    return list;
  }

  /**
   * Moves a list into another folder of its space, or out of any folder (null). Its tasks go with
   * it, unchanged (their date_updated stays: a sync must notice through the hierarchy). No
   * webhook is emitted for it.
   */
  moveList(listId: string, folderId: string | null): ListRecord {
    const list = this.store.requireList(listId);
    if (folderId !== null && this.store.requireFolder(folderId).spaceId !== list.spaceId)
      throw Errors.badInput('The sandbox moves lists within their space only');
    if (list.folderId === folderId) return list;
    list.folderId = folderId;
    // Effective statuses may now come from another folder.
    this.store.forgetStatuses();
    this.store.markChanged();
    return list;
  }

  /**
   * Deletes a list with every task whose home it is (and their subtasks and time entries), as
   * ClickUp does; tasks elsewhere that were also added to it just leave it. No webhook is emitted.
   */
  deleteList(listId: string): void {
    const s = this.store.state;
    this.store.requireList(listId);
    for (const t of [...s.tasks.values()].filter((x) => x.listId === listId)) {
      if (s.tasks.has(t.id)) this.store.mutations.deleteTask(t.id);
    }
    for (const t of s.tasks.values()) if (t.extraListIds.includes(listId)) t.extraListIds = t.extraListIds.filter((id) => id !== listId);
    s.lists.delete(listId);
    this.store.forgetStatuses();
    this.store.markChanged();
  }

  private emitList(list: ListRecord, field: 'archived' | 'name', before: unknown, after: unknown): void {
    this.store.markChanged({
      kind: 'listUpdated',
      listId: list.id,
      userId: this.store.ownerId,
      at: this.store.clock.tick(),
      field,
      before,
      after,
    });
  }
}
