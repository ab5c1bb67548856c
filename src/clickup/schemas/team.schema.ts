import { z } from 'zod';
import type { ClickupMember, ClickupRole, ClickupTeam } from '../clickup.types';
import { userRefSchema } from './common.schema';
import { id, integerOrNull, msTimestampOrNull, optionalObject, textOrNull, listOf, userId, withRaw } from './primitives.schema';

const ROLE_KEYS: Record<ClickupRole, string> = { 1: 'owner', 2: 'admin', 3: 'member', 4: 'guest' };

function toRole(value: number | null): ClickupRole | null {
  return value === 1 || value === 2 || value === 3 || value === 4 ? value : null;
}

const memberUserSchema = z.object({
  id: userId,
  // null for pending invitees
  username: textOrNull,
  email: textOrNull,
  color: textOrNull,
  initials: textOrNull,
  profilePicture: textOrNull,
  role: integerOrNull,
  role_key: textOrNull,
  custom_role: optionalObject(z.object({ id, name: textOrNull })),
  last_active: msTimestampOrNull,
  date_joined: msTimestampOrNull,
  date_invited: msTimestampOrNull,
});

const memberSchema = z
  .object({
    user: memberUserSchema,
    // ClickUp sends an inviter object, sometimes an empty one; keep it only if it names a user.
    invited_by: z
      .unknown()
      .optional()
      .transform((v) => {
        const parsed = userRefSchema.safeParse(v);
        return parsed.success ? parsed.data : null;
      }),
  })
  .transform(({ user, invited_by }): ClickupMember => {
    const role = toRole(user.role);
    return {
      id: user.id,
      username: user.username,
      email: user.email,
      color: user.color,
      initials: user.initials,
      profilePicture: user.profilePicture,
      role,
      roleKey: user.role_key ?? (role === null ? null : ROLE_KEYS[role]),
      customRole: user.custom_role,
      lastActive: user.last_active,
      dateJoined: user.date_joined,
      dateInvited: user.date_invited,
      pending: user.username === null,
      invitedBy: invited_by,
    };
  });

export const teamSchema = withRaw(
  z.object({
    id,
    name: z.string(),
    color: textOrNull,
    avatar: textOrNull,
    // The spec makes a member's user id optional: a member sent without one cannot be stored
    // and is left out; any other malformed member still fails (it would be marked removed).
    members: z.preprocess(
      (v) => (Array.isArray(v) ? v.filter((m) => (m as { user?: { id?: unknown } } | null)?.user?.id != null) : v),
      listOf(memberSchema),
    ),
  }),
  (t, raw): ClickupTeam => ({ id: t.id, name: t.name, color: t.color, avatar: t.avatar, members: t.members, raw }),
);

/** GET /team */
export const teamsResponseSchema = z.object({ teams: z.array(teamSchema) });
