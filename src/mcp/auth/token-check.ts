import { timingSafeEqual, createHash } from 'node:crypto';
import { McpTokenConfig } from '../../config/app-config';

export type TokenVerdict = { ok: true; token: McpTokenConfig } | { ok: false; reason: 'missing' | 'invalid' | 'expired'; name?: string };

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

const IPV4 = /^\d{1,3}(\.\d{1,3}){3}$/;

/**
 * DNS-rebinding protection for every route: a page on evil.example whose name later resolves to
 * 127.0.0.1 talks to us same-origin (no Origin header on GETs), but its requests still carry
 * `Host: evil.example`. Such a page can only reach us under a name it controls, so a Host is
 * accepted when it is loopback (localhost, *.localhost), an IP literal (no name to rebind), or
 * a configured name (MCP_ALLOWED_HOSTS, HOST, PUBLIC_BASE_URL; an entry with a port must match
 * it too). No Host header at all is a non-browser client.
 */
export function hostAllowed(host: string | undefined, allowed: string[]): boolean {
  if (host === undefined || host === '') return true;
  const h = host.trim().toLowerCase();
  if (/^\[[0-9a-f:.]+\](:\d+)?$/.test(h)) return true;
  const m = /^([a-z0-9.-]+?)\.?(?::(\d+))?$/.exec(h);
  if (!m) return false;
  const [, name, port] = m;
  if (IPV4.test(name) || name === 'localhost' || name.endsWith('.localhost')) return true;
  return allowed.some((a) => (a.includes(':') ? a === `${name}:${port ?? ''}` : a === name));
}
