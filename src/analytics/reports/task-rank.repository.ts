import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { num, numOrNull, Params, taskWhere } from '../tasks/task-query.repository';
import { TaskFilter } from '../tasks/task-query.types';
import { lifetimeTaskTimeSql } from '../time/lifetime-task-time.sql';
import { ACCURATE_HIGH, ACCURATE_LOW } from './formulas/estimates';

/** Exact totals of the estimation-accuracy rule over a whole task set. */
export interface AccuracyTotals {
  estimatedTasks: number;
  accurate: number;
  underEstimated: number;
  overEstimated: number;
  estimateMs: number;
  trackedOnEstimatedMs: number;
  /** Time on the set's tasks without an estimate. */
  unplannedMs: number;
  tasksWithoutEstimate: number;
}

/** An estimated task that may be among the worst overruns or the most unused estimates. */
export interface AccuracyCandidate {
  id: string;
  customId: string | null;
  name: string;
  listName: string;
  trackedMs: number;
  estimateMs: number;
}

export interface RiskCounts {
  total: number;
  overdue: number;
  dueSoon: number;
  overEstimate: number;
}

/** An at-risk task that may be among the first shown. */
export interface RiskCandidate {
  id: string;
  dueDate: number | null;
  timeEstimate: number | null;
  /** Lifetime direct time, read for estimated tasks only (0 for the others). */
  trackedMs: number;
}

/**
 * Task-set rules judged in SQL over every task of a large set (a 34k-task space): each method
 * reads the set once with its lifetime time (the maintained per-task totals plus running timers,
 * lifetimeTaskTimeSql) and returns exact totals plus only the rows that can be shown — every row
 * that ties with the last one shown included, so the service ranks them with its own comparator
 * (ids by localeCompare) and the answer is the same as ranking the whole set in JS.
 *
 * The set is NOT MATERIALIZED: inlined, the planner sees its size and hash-joins the per-task
 * totals; a materialized set is estimated at 200 rows and probed per task (~80 ms slower).
 */
@Injectable()
export class TaskRankRepository {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  /**
   * Accuracy classes (formulas/estimates classifyAccuracy: float division against the same
   * bounds, nothing tracked = over-estimated) counted over the set, and the candidates for the
   * `limit` biggest overruns (under-estimated) and most unused estimates (over-estimated).
   */
  async accuracy(f: TaskFilter, nowMs: number, limit: number): Promise<{ totals: AccuracyTotals; candidates: AccuracyCandidate[] }> {
    const p = new Params();
    const where = taskWhere(f, p);
    const now = p.instant(nowMs);
    const ratio = 'j.ms::float8 / j.est::float8';
    const [r]: Record<string, unknown>[] = await this.ds.query(
      `WITH ts AS NOT MATERIALIZED (SELECT t.id, coalesce(t.time_estimate, 0) AS est FROM tasks t WHERE ${where}),
       tt AS (${lifetimeTaskTimeSql('IN (SELECT id FROM ts)', now)}),
       j AS (SELECT ts.id, ts.est, coalesce(tt.direct_ms, 0)::bigint AS ms FROM ts LEFT JOIN tt ON tt.task_id = ts.id),
       c AS MATERIALIZED (
         SELECT j.id, j.est, j.ms, CASE WHEN j.est <= 0 THEN NULL WHEN j.ms <= 0 THEN 'over'
                                        WHEN ${ratio} > ${p.add(ACCURATE_HIGH)}::float8 THEN 'under'
                                        WHEN ${ratio} < ${p.add(ACCURATE_LOW)}::float8 THEN 'over' ELSE 'accurate' END AS class
         FROM j
       ),
       -- The limit-th biggest overrun and unused estimate (a top-N sort each, not a rank of every
       -- task): a task with rank <= limit is exactly one at or beyond that value.
       bounds AS (
         SELECT (SELECT c.ms - c.est FROM c WHERE c.class = 'under' ORDER BY c.ms - c.est DESC LIMIT 1 OFFSET ${p.add(Math.max(limit - 1, 0))}) AS under_from,
                (SELECT c.ms - c.est FROM c WHERE c.class = 'over' ORDER BY c.ms - c.est ASC LIMIT 1 OFFSET ${p.add(Math.max(limit - 1, 0))}) AS over_to
       ),
       ranked AS (
         SELECT c.* FROM c, bounds b
         WHERE (c.class = 'under' AND (b.under_from IS NULL OR c.ms - c.est >= b.under_from))
            OR (c.class = 'over' AND (b.over_to IS NULL OR c.ms - c.est <= b.over_to))
       )
       SELECT (SELECT json_build_object(
                 'estimated', count(*) FILTER (WHERE c.est > 0), 'accurate', count(*) FILTER (WHERE c.class = 'accurate'),
                 'under', count(*) FILTER (WHERE c.class = 'under'), 'over', count(*) FILTER (WHERE c.class = 'over'),
                 'estimate_ms', coalesce(sum(c.est) FILTER (WHERE c.est > 0), 0), 'tracked_ms', coalesce(sum(c.ms) FILTER (WHERE c.est > 0), 0),
                 'unplanned_ms', coalesce(sum(c.ms) FILTER (WHERE c.est <= 0), 0), 'without', count(*) FILTER (WHERE c.est <= 0))
               FROM c) AS totals,
              (SELECT coalesce(json_agg(json_build_object('id', x.id, 'custom_id', t.custom_id, 'name', t.name, 'list', coalesce(l.name, t.list_id),
                                                          'ms', x.ms, 'est', x.est)), '[]'::json)
               FROM ranked x JOIN tasks t ON t.id = x.id LEFT JOIN lists l ON l.id = t.list_id) AS candidates`,
      p.values,
    );
    const t = r.totals as Record<string, unknown>;
    return {
      totals: {
        estimatedTasks: num(t.estimated),
        accurate: num(t.accurate),
        underEstimated: num(t.under),
        overEstimated: num(t.over),
        estimateMs: num(t.estimate_ms),
        trackedOnEstimatedMs: num(t.tracked_ms),
        unplannedMs: num(t.unplanned_ms),
        tasksWithoutEstimate: num(t.without),
      },
      candidates: (r.candidates as Record<string, unknown>[]).map((x) => ({
        id: x.id as string,
        customId: x.custom_id as string | null,
        name: x.name as string,
        listName: x.list as string,
        trackedMs: num(x.ms),
        estimateMs: num(x.est),
      })),
    };
  }

  /**
   * The set's tasks with no time at all (lifetime direct time 0): how many, and the ids of the
   * first `limit` by last update (newest first, then id — the order the report lists).
   */
  async untracked(f: TaskFilter, nowMs: number, limit: number): Promise<{ total: number; ids: string[] }> {
    const p = new Params();
    const where = taskWhere(f, p);
    const now = p.instant(nowMs);
    const rows: Record<string, unknown>[] = await this.ds.query(
      `WITH ts AS NOT MATERIALIZED (SELECT t.id, t.date_updated FROM tasks t WHERE ${where}),
       tt AS (${lifetimeTaskTimeSql('IN (SELECT id FROM ts)', now)}),
       u AS (SELECT ts.id, ts.date_updated FROM ts WHERE NOT EXISTS (SELECT 1 FROM tt WHERE tt.task_id = ts.id AND tt.direct_ms > 0))
       SELECT (SELECT count(*)::int FROM u) AS total,
              coalesce((SELECT array_agg(x.id ORDER BY x.n) FROM (
                SELECT u.id, row_number() OVER (ORDER BY u.date_updated DESC, u.id) AS n FROM u ORDER BY u.date_updated DESC, u.id LIMIT ${p.add(limit)}
              ) x), '{}') AS ids`,
      p.values,
    );
    return { total: num(rows[0].total), ids: rows[0].ids as string[] };
  }

  /**
   * Unfinished tasks of the set at risk (formulas/risk riskReasons: due before now, due by
   * `soonEnd`, or more direct time than a positive own estimate), counted per reason, and the
   * candidates for the first `limit` in the report's order (reason, due date, overrun).
   */
  async atRisk(f: TaskFilter, nowMs: number, soonEndMs: number, limit: number): Promise<{ counts: RiskCounts; candidates: RiskCandidate[] }> {
    const p = new Params();
    const where = taskWhere({ ...f, includeClosed: false }, p);
    const now = p.instant(nowMs);
    const soonEnd = p.instant(soonEndMs);
    // Time is read for every task that can be a candidate (an estimate to overrun, or due by
    // soonEnd), so an overdue task without an estimate still shows the time spent on it.
    const rows: Record<string, unknown>[] = await this.ds.query(
      `WITH ts AS NOT MATERIALIZED (SELECT t.id, t.due_date, t.time_estimate FROM tasks t WHERE ${where}),
       tt AS (${lifetimeTaskTimeSql(`IN (SELECT id FROM ts WHERE ts.time_estimate > 0 OR ts.due_date <= ${soonEnd})`, now)}),
       j AS (
         SELECT ts.id, ts.due_date, ts.time_estimate, coalesce(tt.direct_ms, 0)::bigint AS ms,
                coalesce(ts.due_date < ${now}, false) AS overdue,
                coalesce(ts.due_date >= ${now} AND ts.due_date <= ${soonEnd}, false) AS due_soon,
                coalesce(ts.time_estimate > 0 AND coalesce(tt.direct_ms, 0) > ts.time_estimate, false) AS over_estimate
         FROM ts LEFT JOIN tt ON tt.task_id = ts.id
       ),
       r AS MATERIALIZED (SELECT * FROM j WHERE overdue OR due_soon OR over_estimate),
       ranked AS (
         SELECT r.*, rank() OVER (ORDER BY CASE WHEN r.overdue THEN 0 WHEN r.due_soon THEN 1 ELSE 2 END,
                                           coalesce(r.due_date, to_timestamp(0)), r.ms - coalesce(r.time_estimate, 0) DESC) AS n
         FROM r
       )
       SELECT 'counts' AS kind, NULL AS id, NULL AS due_date, NULL AS time_estimate, NULL AS ms,
              count(*)::int AS total, count(*) FILTER (WHERE overdue)::int AS overdue, count(*) FILTER (WHERE due_soon)::int AS due_soon,
              count(*) FILTER (WHERE over_estimate)::int AS over_estimate
       FROM r
       UNION ALL
       SELECT 'task', x.id, x.due_date, x.time_estimate, x.ms, NULL, NULL, NULL, NULL FROM ranked x WHERE x.n <= ${p.add(limit)}`,
      p.values,
    );
    const c = rows.find((x) => x.kind === 'counts') as Record<string, unknown>;
    const candidates = rows.filter((x) => x.kind === 'task');
    return {
      counts: { total: num(c.total), overdue: num(c.overdue), dueSoon: num(c.due_soon), overEstimate: num(c.over_estimate) },
      candidates: candidates.map((x) => ({
        id: x.id as string,
        dueDate: x.due_date === null ? null : new Date(x.due_date as string).getTime(),
        timeEstimate: numOrNull(x.time_estimate),
        trackedMs: num(x.ms),
      })),
    };
  }
}
