import { STATUS_CATEGORIES, StatusCategory } from '../../common/status-category';

/** One group of a list's tasks, as the repository counts them. */
export interface StatusCountRow {
  status: string;
  category: StatusCategory;
  topLevel: boolean;
  count: number;
  /** Of these, finished (done/closed) since the throughput window started. */
  finishedRecently: number;
}

export interface Completion {
  total: number;
  finished: number;
  /** finished / total in percent, one decimal; null when there is nothing to complete. */
  completion_percent: number | null;
}

export interface ProgressSummary extends Completion {
  top_level: Completion;
  by_category: Record<StatusCategory, number>;
  by_status: { status: string; category: StatusCategory; count: number }[];
  finished_recently: number;
}

const isFinished = (c: StatusCategory) => c === 'done' || c === 'closed';

export function completion(total: number, finished: number): Completion {
  return { total, finished, completion_percent: total ? Math.round((1000 * finished) / total) / 10 : null };
}

/** Completion (all tasks and top-level only), the category and status breakdown, recent throughput. */
export function summarizeProgress(rows: StatusCountRow[]): ProgressSummary {
  const byCategory = Object.fromEntries(STATUS_CATEGORIES.map((c) => [c, 0])) as Record<StatusCategory, number>;
  const byStatus = new Map<string, { status: string; category: StatusCategory; count: number }>();
  let total = 0,
    finished = 0,
    topTotal = 0,
    topFinished = 0,
    recent = 0;
  for (const r of rows) {
    byCategory[r.category] += r.count;
    const key = `${r.status}\u0000${r.category}`;
    const s = byStatus.get(key) ?? { status: r.status, category: r.category, count: 0 };
    s.count += r.count;
    byStatus.set(key, s);
    total += r.count;
    recent += r.finishedRecently;
    if (isFinished(r.category)) finished += r.count;
    if (r.topLevel) {
      topTotal += r.count;
      if (isFinished(r.category)) topFinished += r.count;
    }
  }
  const order = (c: StatusCategory) => STATUS_CATEGORIES.indexOf(c);
  return {
    ...completion(total, finished),
    top_level: completion(topTotal, topFinished),
    by_category: byCategory,
    by_status: [...byStatus.values()].sort((a, b) => order(a.category) - order(b.category) || b.count - a.count || a.status.localeCompare(b.status)),
    finished_recently: recent,
  };
}
