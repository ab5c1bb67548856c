/** Velocity and completion over ISO weeks (pure; the weekly counts come from SQL). */

export interface WeekCount {
  /** ISO week, e.g. "2026-W47". */
  week: string;
  finishedTasks: number;
  finishedEstimateMs: number;
}

export type Trend = 'rising' | 'falling' | 'steady';

export interface Velocity {
  averageTasks: number | null;
  averageEstimateMs: number | null;
  /** The later half of the weeks against the earlier half: ±10 % or more is a trend. */
  trend: Trend | null;
  /** Later half's average over the earlier half's, minus 1, in % (one decimal); null without a base. */
  changePercent: number | null;
}

const one = (x: number) => Math.round(x * 10) / 10;
const mean = (xs: number[]) => (xs.length ? xs.reduce((s, x) => s + x, 0) / xs.length : null);

/** Averages and trend of complete weeks, oldest first. */
export function velocity(weeks: WeekCount[]): Velocity {
  if (!weeks.length) return { averageTasks: null, averageEstimateMs: null, trend: null, changePercent: null };
  const avgTasks = mean(weeks.map((w) => w.finishedTasks)) as number;
  const avgEst = mean(weeks.map((w) => w.finishedEstimateMs)) as number;
  if (weeks.length < 2) return { averageTasks: one(avgTasks), averageEstimateMs: Math.round(avgEst), trend: null, changePercent: null };
  const half = Math.floor(weeks.length / 2);
  const early = mean(weeks.slice(0, half).map((w) => w.finishedTasks)) as number;
  const late = mean(weeks.slice(weeks.length - half).map((w) => w.finishedTasks)) as number;
  const change = early ? one((late / early - 1) * 100) : null;
  const trend: Trend = change === null ? (late > 0 ? 'rising' : 'steady') : change >= 10 ? 'rising' : change <= -10 ? 'falling' : 'steady';
  return { averageTasks: one(avgTasks), averageEstimateMs: Math.round(avgEst), trend, changePercent: change };
}
