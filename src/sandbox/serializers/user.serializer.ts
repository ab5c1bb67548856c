import { MemberRecord } from '../model/sandbox-entities';
import { ROLE_KEYS } from '../store/sandbox-dump.builder';
import type { SandboxStore } from '../sandbox-store';

/** Fallback for an id the workspace never knew (should not happen, but never crash a response). */
function unknownUser(id: number): MemberRecord {
  return {
    id,
    username: null,
    email: '',
    color: '#000000',
    initials: '?',
    role: 3,
    status: 'removed',
    dateInvited: 0,
    dateJoined: null,
    lastActive: null,
    invitedBy: null,
  };
}

export function memberOrUnknown(store: SandboxStore, id: number): MemberRecord {
  return store.member(id) ?? unknownUser(id);
}

/** Short user shape of task assignees/watchers and time entries. */
export function shortUser(m: MemberRecord) {
  return { id: m.id, username: m.username, color: m.color, initials: m.initials, email: m.email, profilePicture: null };
}

/** Task `creator` (no initials in ClickUp's shape). */
export function creatorUser(m: MemberRecord) {
  return { id: m.id, username: m.username, color: m.color, email: m.email, profilePicture: null };
}

const ms = (v: number | null) => (v === null ? null : String(v));

/** One entry of GET /team `members`. The owner has no `invited_by`. */
export function teamMember(store: SandboxStore, m: MemberRecord) {
  const inviter = m.invitedBy !== null ? store.member(m.invitedBy) : undefined;
  return {
    user: {
      id: m.id,
      username: m.username,
      email: m.email,
      color: m.color,
      profilePicture: null,
      initials: m.initials,
      role: m.role,
      role_subtype: 0,
      role_key: ROLE_KEYS[m.role],
      custom_role: null,
      last_active: ms(m.lastActive),
      date_joined: ms(m.dateJoined),
      date_invited: String(m.dateInvited),
    },
    ...(inviter
      ? {
          invited_by: {
            id: inviter.id,
            username: inviter.username,
            color: inviter.color,
            email: inviter.email,
            initials: inviter.initials,
            profilePicture: null,
            banned_date: null,
            status: m.status === 'invited' ? 'invited' : 'active',
          },
        }
      : {}),
  };
}
