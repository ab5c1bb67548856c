import type { IncomingMessage } from 'node:http';
import type { SandboxStore } from '../sandbox-store';
import { Errors } from '../store/sandbox-error';
import { Caller } from './http-types';

/** The token from `Authorization: pk_…` (personal, bare) or `Authorization: Bearer …` (OAuth). */
export function tokenFromHeader(req: IncomingMessage): string | null {
  const raw = req.headers.authorization?.trim();
  if (!raw) return null;
  const bearer = /^Bearer\s+(.+)$/i.exec(raw);
  return (bearer ? bearer[1] : raw).trim() || null;
}

/**
 * Resolves the caller. A removed member's token is still a valid token, but it no longer opens
 * the workspace: team-scoped routes answer 401 "Team not authorized" for it.
 */
export function authenticate(store: SandboxStore, token: string | null): Caller {
  if (!token) throw Errors.authHeaderMissing();
  const userId = store.userIdForToken(token);
  const member = userId === undefined ? undefined : store.member(userId);
  if (userId === undefined || !member) throw Errors.tokenNotFound();
  return { userId, member, token };
}
