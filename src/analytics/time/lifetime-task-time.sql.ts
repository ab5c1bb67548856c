/**
 * Lifetime time of each task picked by `idsIn` (an SQL predicate on a task id column, e.g.
 * `IN (SELECT id FROM page)`), as rows (task_id, direct_ms, running): the maintained totals of
 * stopped entries plus running timers up to `now` — exactly what facts() sums with an unbounded
 * window, inline for listings that show a task's own time next to each row.
 */
export function lifetimeTaskTimeSql(idsIn: string, now: string): string {
  return `SELECT x.task_id, sum(x.ms)::bigint AS direct_ms, bool_or(x.running) AS running FROM (
      SELECT tt.task_id, tt.stopped_ms AS ms, false AS running FROM task_time_totals tt WHERE tt.task_id ${idsIn} AND tt.entries > 0
      UNION ALL
      SELECT e.task_id, (extract(epoch FROM (${now} - e.start_at)) * 1000)::bigint, true FROM time_entries e
      WHERE e.task_id ${idsIn} AND e.running AND e.deleted_at IS NULL AND e.task_live AND e.start_at < ${now}
    ) x GROUP BY x.task_id`;
}
