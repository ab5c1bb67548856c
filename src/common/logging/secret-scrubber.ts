/**
 * Replaces known secret values (ClickUp token, MCP tokens, webhook secret, database password)
 * wherever they would appear in a log line or an error text. Redaction by key path catches the
 * expected places; this catches the unexpected ones (a token inside an error message or URL).
 */
export class SecretScrubber {
  private secrets: string[] = [];

  register(...values: (string | undefined | null)[]): void {
    for (const v of values) {
      // Very short values would mangle ordinary text and are not real secrets anyway.
      if (v && v.length >= 6 && !this.secrets.includes(v)) this.secrets.push(v);
    }
    this.secrets.sort((a, b) => b.length - a.length);
  }

  scrub(text: string): string {
    let out = text;
    for (const s of this.secrets) if (out.includes(s)) out = out.split(s).join('[REDACTED]');
    return out;
  }

  scrubDeep<T>(value: T, depth = 0): T {
    if (typeof value === 'string') return this.scrub(value) as T;
    if (!value || typeof value !== 'object' || depth > 6 || this.secrets.length === 0) return value;
    if (Array.isArray(value)) return value.map((v) => this.scrubDeep(v, depth + 1)) as T;
    if (value instanceof Error) return value;
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value as Record<string, unknown>)) out[k] = this.scrubDeep(v, depth + 1);
    return out as T;
  }
}

/** One per process: config registers the secrets at boot, the logger and error mappers use it. */
export const secretScrubber = new SecretScrubber();

/** The password part of a database URL, so it can be scrubbed too. */
export function databaseUrlPassword(url: string | undefined): string | undefined {
  if (!url) return undefined;
  try {
    return decodeURIComponent(new URL(url).password) || undefined;
  } catch {
    return undefined;
  }
}
