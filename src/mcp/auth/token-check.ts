import { timingSafeEqual, createHash } from 'node:crypto';
import { McpTokenConfig } from '../../config/app-config';

export type TokenVerdict =
  | { ok: true; token: McpTokenConfig }
  | { ok: false; reason: 'missing' | 'invalid' | 'expired'; name?: string };

/** Constant-time comparison (hash both sides so lengths never leak through timing). */
function same(a: string, b: string): boolean {
  const ha = createHash('sha256').update(a).digest();
  const hb = createHash('sha256').update(b).digest();
  return timingSafeEqual(ha, hb);
}

/** Checks an Authorization header against the configured tokens. */
export function checkBearer(header: string | undefined, tokens: McpTokenConfig[], nowMs: number): TokenVerdict {
  const m = /^Bearer\s+(\S+)\s*$/i.exec(header ?? '');
  if (!m) return { ok: false, reason: 'missing' };
  let match: McpTokenConfig | undefined;
  for (const t of tokens) if (same(m[1], t.token)) match = t; // no early exit: constant work
  if (!match) return { ok: false, reason: 'invalid' };
  if (match.expiresAt !== null && nowMs > match.expiresAt) return { ok: false, reason: 'expired', name: match.name };
  return { ok: true, token: match };
}

const LOOPBACK_ORIGIN = /^https?:\/\/(localhost|127\.\d+\.\d+\.\d+|\[::1\])(:\d+)?$/i;

/**
 * DNS-rebinding protection (MCP spec): a browser page on another origin must not drive this
 * server. Requests without an Origin header (every non-browser client) pass.
 */
export function originAllowed(origin: string | undefined, allowed: string[]): boolean {
  if (!origin) return true;
  const o = origin.trim().replace(/\/$/, '');
  if (LOOPBACK_ORIGIN.test(o)) return true;
  return allowed.some((a) => a.replace(/\/$/, '').toLowerCase() === o.toLowerCase());
}
