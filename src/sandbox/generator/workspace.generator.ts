import { MemberRecord, MemberRole, WorkspaceRecord } from '../model/sandbox-entities';
import { GeneratorSize } from './generator-size';
import { workspaceIdFor } from './id-factory';
import { Random } from './prng';
import { FIRST_NAMES, LAST_NAMES, USER_COLORS } from './text-pools';

const DAY = 86_400_000;

export interface GeneratedWorkspace {
  workspace: WorkspaceRecord;
  members: Map<number, MemberRecord>;
  tokens: Map<string, number>;
}

/** A personal token in ClickUp's format: `pk_<user id>_<32 upper-case alphanumerics>`. */
export function personalToken(random: Random, userId: number): string {
  return `pk_${userId}_${random.token(32)}`;
}

export function uniqueUserId(random: Random, taken: ReadonlySet<number>): number {
  for (;;) {
    const id = random.int(10_000_000, 99_999_999);
    if (!taken.has(id)) return id;
  }
}

export function initialsOf(username: string | null, email: string): string {
  if (!username) return email.slice(0, 2).toUpperCase();
  const parts = username.split(/\s+/).filter(Boolean);
  return parts.length >= 2 ? (parts[0][0] + parts[parts.length - 1][0]).toUpperCase() : username.slice(0, 2).toUpperCase();
}

/**
 * One workspace on the Business plan (100 requests/min in ClickUp) with one owner, a few admins,
 * members, one guest and one pending invitee whose username is still null.
 */
export function generateWorkspace(random: Random, seed: number, size: GeneratorSize, now: number): GeneratedWorkspace {
  const workspace: WorkspaceRecord = {
    id: workspaceIdFor(seed),
    name: 'Acme Product Studio',
    color: '#7b68ee',
    avatar: null,
    planId: 3,
    planName: 'Business',
  };
  const members = new Map<number, MemberRecord>();
  const tokens = new Map<string, number>();
  const admins = Math.max(1, Math.round(size.members * 0.1));
  const nameOffset = random.int(0, FIRST_NAMES.length - 1);
  let ownerId = 0;

  for (let i = 0; i < size.members; i++) {
    const id = uniqueUserId(random, new Set(members.keys()));
    const isInvitee = i === size.members - 1;
    const role: MemberRole = i === 0 ? 1 : i <= admins ? 2 : i === size.members - 2 ? 4 : 3;
    const first = FIRST_NAMES[(i + nameOffset) % FIRST_NAMES.length];
    const last = LAST_NAMES[(Math.floor(i / FIRST_NAMES.length) + i) % LAST_NAMES.length];
    const email = isInvitee ? `invitee.${i}@example.com` : `${first}.${last}@example.com`.toLowerCase().replace(/\s+/g, '');
    const username = isInvitee ? null : `${first} ${last}`;
    const dateInvited = now - (size.historyDays + random.int(5, 60)) * DAY - random.int(0, DAY);
    const member: MemberRecord = {
      id,
      username,
      email,
      color: USER_COLORS[i % USER_COLORS.length],
      initials: initialsOf(username, email),
      role: isInvitee ? 3 : role,
      status: isInvitee ? 'invited' : 'active',
      dateInvited: isInvitee ? now - random.int(1, 10) * DAY : dateInvited,
      dateJoined: isInvitee ? null : dateInvited + random.int(60_000, DAY),
      lastActive: isInvitee ? null : now - random.int(0, 3 * DAY),
      invitedBy: i === 0 ? null : ownerId,
    };
    if (i === 0) ownerId = id;
    members.set(id, member);
    if (member.status === 'active') tokens.set(personalToken(random, id), id);
  }
  return { workspace, members, tokens };
}
