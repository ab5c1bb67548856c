import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Open work per person (open_work_counts, kept by a trigger on tasks) splits a shared estimate the
 * way every other report does: to the millisecond, everyone the floor and the first
 * `estimate mod n` assignees by id one ms more, so the shares add up to the estimate. The
 * version before split it into exact fractions and rounded each person's sum, so three people on
 * a 1,000 ms task showed 333 ms each (999 in all). The counters are rebuilt from the tasks.
 */
export class WorkloadExactShares1795400000000 implements MigrationInterface {
  name = 'WorkloadExactShares1795400000000';

  public async up(q: QueryRunner): Promise<void> {
    await rebuild(q, true);
  }

  public async down(q: QueryRunner): Promise<void> {
    await rebuild(q, false);
  }
}

async function rebuild(q: QueryRunner, exact: boolean): Promise<void> {
  await q.query(applyFunction(exact));
  await q.query(`DELETE FROM open_work_counts`);
  await q.query(`INSERT INTO open_work_counts (workspace_id, list_id, user_id, archived, n, estimate_share_ms)
    SELECT workspace_id, list_id, user_id, archived, sum(d), sum(share) FROM (${rows('tasks', 1, exact)}) x GROUP BY 1, 2, 3, 4`);
}

/** One row per assignee of each open task (user 0 when there is none) with its share of the estimate, signed `d`. */
function rows(source: string, d: 1 | -1, exact: boolean): string {
  const est = 'coalesce(r.time_estimate, 0)';
  const k = 'cardinality(r.assignee_ids)';
  const share = exact
    ? `CASE WHEN ${k} = 0 THEN ${est} ELSE ${est} / ${k} + CASE WHEN u.ord <= ${est} % ${k} THEN 1 ELSE 0 END END`
    : `${est}::numeric / greatest(${k}, 1)`;
  return `SELECT r.workspace_id, r.list_id, coalesce(u.user_id, 0) AS user_id, r.archived, ${d} AS d, ${d} * ${share} AS share
    FROM ${source} r
    CROSS JOIN LATERAL unnest(CASE WHEN ${k} = 0 THEN ARRAY[NULL::bigint] ELSE ARRAY(SELECT x FROM unnest(r.assignee_ids) x ORDER BY x) END)
      WITH ORDINALITY AS u(user_id, ord)
    WHERE r.deleted_at IS NULL AND r.status_category NOT IN ('done', 'closed')`;
}

/** Net change per (list, person, archived) of one statement, applied in key order (no deadlocks between concurrent writers). */
function applyFunction(exact: boolean): string {
  const apply = (source: string) => `
    INSERT INTO open_work_counts AS c (workspace_id, list_id, user_id, archived, n, estimate_share_ms)
    SELECT workspace_id, list_id, user_id, archived, sum(d), sum(share) FROM (${source}) x
    GROUP BY 1, 2, 3, 4 HAVING sum(d) <> 0 OR sum(share) <> 0 ORDER BY 1, 2, 3, 4
    ON CONFLICT (workspace_id, list_id, user_id, archived)
    DO UPDATE SET n = c.n + EXCLUDED.n, estimate_share_ms = c.estimate_share_ms + EXCLUDED.estimate_share_ms;`;
  return `CREATE OR REPLACE FUNCTION open_work_apply() RETURNS trigger LANGUAGE plpgsql AS $fn$
    BEGIN
      IF TG_OP = 'INSERT' THEN ${apply(rows('new_rows', 1, exact))}
      ELSIF TG_OP = 'UPDATE' THEN ${apply(`${rows('old_rows', -1, exact)} UNION ALL ${rows('new_rows', 1, exact)}`)}
      ELSE ${apply(rows('old_rows', -1, exact))}
      END IF;
      RETURN NULL;
    END $fn$`;
}
