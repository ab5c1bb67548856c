/**
 * Turns one pino JSON line into a short line a person reads at a terminal, or null to drop it.
 * Used at the default log format; LOG_FORMAT=json (or LOG_LEVEL=debug) keeps the JSON lines.
 */
const LEVELS: Record<number, string> = { 10: 'TRACE', 20: 'DEBUG', 30: 'INFO', 40: 'WARN', 50: 'ERROR', 60: 'FATAL' };

/** Nest's own start-up and shutdown chatter: module wiring and route tables, one line each. */
const FRAMEWORK_CONTEXTS = new Set([
  'NestFactory',
  'InstanceLoader',
  'RoutesResolver',
  'RouterExplorer',
  'NestApplication',
  'NestApplicationContext',
]);

interface PinoRecord {
  level?: number;
  time?: number;
  context?: string;
  msg?: string;
  err?: { message?: string; stack?: string; type?: string };
  req?: { method?: string; url?: string };
  res?: { statusCode?: number | null };
  responseTime?: number;
}

export interface HumanLineOptions {
  /** Before the start-up summary, info lines are left out: the summary says it in a few lines. */
  quietInfo: boolean;
}

export function humanLogLine(json: string, opts: HumanLineOptions): string | null {
  let r: PinoRecord;
  try {
    r = JSON.parse(json) as PinoRecord;
  } catch {
    return json.endsWith('\n') ? json : `${json}\n`;
  }
  const level = r.level ?? 30;
  if (level <= 30 && (opts.quietInfo || FRAMEWORK_CONTEXTS.has(r.context ?? ''))) return null;
  const time = new Date(r.time ?? Date.now()).toTimeString().slice(0, 8);
  const label = level === 30 ? '' : ` ${LEVELS[level] ?? level}`;
  let text: string;
  if (r.req && r.res) {
    // An access-log line.
    const ms = typeof r.responseTime === 'number' ? ` (${Math.round(r.responseTime)} ms)` : '';
    text = `${r.req.method ?? '?'} ${r.req.url ?? '?'} → ${r.res.statusCode ?? '?'}${ms}`;
  } else {
    text = `${r.context ? `${r.context}: ` : ''}${r.msg ?? ''}`;
  }
  if (r.err?.message && !text.includes(r.err.message)) text += ` — ${r.err.message}`;
  let out = `${time}${label} ${text}\n`;
  if (level >= 50 && r.err?.stack) out += `${r.err.stack.split('\n').slice(1).join('\n')}\n`;
  return out;
}
