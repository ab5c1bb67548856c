/**
 * Replaces known secret values (ClickUp token, MCP tokens, webhook secret, database password)
 * wherever they would appear in a log line or an error text. Redaction by key path catches the
 * expected places; this catches the unexpected ones (a token inside an error message or URL).
 *
 * It works on text only — finished log lines and messages — and never copies or walks objects:
 * a copy of an object it does not own (a ServerResponse, say) loses what its getters and
 * prototype provide, which is how access logs once lost their status codes.
 */
export class SecretScrubber {
  private secrets: string[] = [];

  register(...values: (string | undefined | null)[]): void {
    for (const v of values) {
      // Very short values would mangle ordinary text and are not real secrets anyway.
      if (!v || v.length < 6) continue;
      // As it appears inside a JSON string too (a password with a quote or a backslash).
      for (const form of [v, JSON.stringify(v).slice(1, -1)]) if (!this.secrets.includes(form)) this.secrets.push(form);
    }
    this.secrets.sort((a, b) => b.length - a.length);
  }

  scrub(text: string): string {
    let out = text;
    for (const s of this.secrets) if (out.includes(s)) out = out.split(s).join('[REDACTED]');
    return out;
  }
}

/** One per process: config registers the secrets at boot, the log sink and error mappers use it. */
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
