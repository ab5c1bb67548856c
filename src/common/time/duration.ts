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

export const durationSchema = z.object({
  ms: z.number().int().describe('Milliseconds.'),
  human: z.string().describe('The same as text, e.g. "12h 30m".'),
});
