import { z } from 'zod';
import type { ClickupFolderRef, ClickupListRef, ClickupSpaceRef, ClickupStatus, ClickupTag, ClickupUserRef } from '../clickup.types';
import { flagOrNull, id, integerOrNull, textOrNull, userId, userIdOrNull } from './primitives.schema';

export const userRefSchema = z
  .object({
    id: userId,
    username: textOrNull,
    email: textOrNull,
    color: textOrNull,
    initials: textOrNull,
    profilePicture: textOrNull,
  })
  .transform((u): ClickupUserRef => ({
    id: u.id,
    username: u.username,
    email: u.email,
    color: u.color,
    initials: u.initials,
    profilePicture: u.profilePicture,
  }));

export const statusSchema = z
  .object({
    id: textOrNull,
    status: z.string(),
    type: textOrNull,
    orderindex: integerOrNull,
    color: textOrNull,
  })
  .transform((s): ClickupStatus => ({ id: s.id, status: s.status, type: s.type, orderindex: s.orderindex, color: s.color }));

const tagObjectSchema = z.object({
  name: z.string(),
  tag_fg: textOrNull,
  tag_bg: textOrNull,
  creator: userIdOrNull,
});

/** The spec says tags are strings; real payloads send objects. Accept both. */
export const tagSchema = z.union([
  z.string().transform((name): ClickupTag => ({ name, tagFg: null, tagBg: null, creator: null })),
  tagObjectSchema.transform((t): ClickupTag => ({ name: t.name, tagFg: t.tag_fg, tagBg: t.tag_bg, creator: t.creator })),
]);

export const spaceRefSchema = z.object({ id, name: textOrNull }).transform((s): ClickupSpaceRef => ({ id: s.id, name: s.name }));

export const folderRefSchema = z
  .object({ id, name: textOrNull, hidden: flagOrNull })
  .transform((f): ClickupFolderRef => ({ id: f.id, name: f.name, hidden: f.hidden }));

export const listRefSchema = z.object({ id, name: textOrNull }).transform((l): ClickupListRef => ({ id: l.id, name: l.name }));
