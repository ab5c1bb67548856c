import { z } from 'zod';

/** A duration as every result carries it: exact milliseconds plus a human form. */
export interface Duration {
  ms: number;
  human: string;
}

/** "12h 30m", "45m", "0m"; hours are not folded into days (timesheets think in hours). */
export function humanDuration(ms: number): string {
  const neg = ms < 0;
  const totalMinutes = Math.floor(Math.abs(ms) / 60_000);
  const h = Math.floor(totalMinutes / 60);
  const m = totalMinutes % 60;
  const s = h ? `${h}h ${m}m` : `${m}m`;
  return neg ? `-${s}` : s;
}

export const duration = (ms: number): Duration => ({ ms: Math.round(ms), human: humanDuration(ms) });

/**
 * How long something ran (a sync run), down to seconds: "0.8s", "42s", "3m 12s", "1h 5m".
 * humanDuration's minutes suit logged time; a 40-second sync shown as "0m" says nothing.
 */
export function humanElapsed(ms: number): string {
  const abs = Math.max(0, ms);
  if (abs < 10_000) return `${(Math.floor(abs / 100) / 10).toFixed(1)}s`;
  const totalSeconds = Math.floor(abs / 1000);
  if (totalSeconds < 60) return `${totalSeconds}s`;
  if (totalSeconds < 3600) return `${Math.floor(totalSeconds / 60)}m ${totalSeconds % 60}s`;
  return humanDuration(abs);
}

export const elapsed = (ms: number): Duration => ({ ms: Math.round(ms), human: humanElapsed(ms) });

export const durationSchema = z.object({
  ms: z.number().int().describe('Milliseconds.'),
  human: z.string().describe('The same as text, e.g. "12h 30m".'),
});
