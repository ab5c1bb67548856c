import { DataSource } from 'typeorm';
import { TaskWorkloadRepository } from '../../src/analytics/tasks/task-workload.repository';
import { HierarchyQueryRepository, parseListCounts } from '../../src/mapping/hierarchy-query.repository';
import { TableMaintenanceRepository } from '../../src/sync/repositories/table-maintenance.repository';
import { createTestDatabase, TEST_ENGINES, TestDatabase } from '../support/test-database';

/**
 * The trigger-maintained counters (task_counts, time_entry_counts) must equal a fresh count of
 * the tables after every kind of write the app makes — bulk inserts, upserts that move rows
 * between keys or skip unchanged ones, soft and hard deletes, truncation — and concurrent
 * writers must neither deadlock nor lose counts.
 */
const TASK_KEY = `workspace_id, list_id, status, status_category, archived, parent_id IS NULL, deleted_at IS NOT NULL`;

async function taskCountsDiff(ds: DataSource): Promise<unknown[]> {
  return ds.query(`
    SELECT * FROM (
      SELECT workspace_id, list_id, status, status_category, archived, top_level, deleted, sum(n)::int AS n FROM task_counts GROUP BY 1, 2, 3, 4, 5, 6, 7
    ) c FULL JOIN (
      SELECT ${TASK_KEY} AS k, count(*)::int AS n, workspace_id AS w, list_id AS l, status AS s, status_category AS sc, archived AS a,
             parent_id IS NULL AS tl, deleted_at IS NOT NULL AS d
      FROM tasks GROUP BY workspace_id, list_id, status, status_category, archived, parent_id IS NULL, deleted_at IS NOT NULL
    ) t ON (c.workspace_id, c.list_id, c.status, c.status_category, c.archived, c.top_level, c.deleted) = (t.w, t.l, t.s, t.sc, t.a, t.tl, t.d)
    WHERE coalesce(c.n, 0) <> coalesce(t.n, 0)`);
}

/**
 * open_work_counts must equal open tasks spread over their assignees (0: unassigned), estimates
 * split evenly to the millisecond: everyone div(estimate, n), and one ms more for the assignees
 * with fewer than mod(estimate, n) smaller ids on the task.
 */
async function openWorkDiff(ds: DataSource): Promise<unknown[]> {
  return ds.query(`
    SELECT * FROM (SELECT workspace_id, list_id, user_id, archived, sum(n)::int AS n, sum(estimate_share_ms) AS est FROM open_work_counts
                   GROUP BY 1, 2, 3, 4 HAVING sum(n) <> 0 OR sum(estimate_share_ms) <> 0) c
    FULL JOIN (
      SELECT t.workspace_id AS w, t.list_id AS l, coalesce(u, 0) AS u, t.archived AS a, count(*)::int AS n,
             sum(CASE WHEN u IS NULL THEN coalesce(t.time_estimate, 0)
                      ELSE div(coalesce(t.time_estimate, 0), cardinality(t.assignee_ids))
                           + CASE WHEN (SELECT count(*) FROM unnest(t.assignee_ids) o WHERE o < u) < mod(coalesce(t.time_estimate, 0), cardinality(t.assignee_ids))
                                  THEN 1 ELSE 0 END END) AS est
      FROM tasks t CROSS JOIN LATERAL unnest(CASE WHEN cardinality(t.assignee_ids) = 0 THEN ARRAY[NULL::bigint] ELSE t.assignee_ids END) u
      WHERE t.deleted_at IS NULL AND t.status_category NOT IN ('done', 'closed') GROUP BY 1, 2, 3, 4
    ) t ON (c.workspace_id, c.list_id, c.user_id, c.archived) = (t.w, t.l, t.u, t.a)
    WHERE coalesce(c.n, 0) <> coalesce(t.n, 0) OR coalesce(c.est, 0) <> coalesce(t.est, 0)`);
}

/** open_work_people must add up, per workspace, person and archived flag, to open_work_counts. */
async function openWorkPeopleDiff(ds: DataSource): Promise<unknown[]> {
  return ds.query(`
    SELECT * FROM (SELECT workspace_id, user_id, archived, sum(n)::int AS n, sum(estimate_share_ms) AS est FROM open_work_people GROUP BY 1, 2, 3) p
    FULL JOIN (SELECT workspace_id AS w, user_id AS u, archived AS a, sum(n)::int AS n, sum(estimate_share_ms) AS est FROM open_work_counts GROUP BY 1, 2, 3) c
      ON (p.workspace_id, p.user_id, p.archived) = (c.w, c.u, c.a)
    WHERE coalesce(p.n, 0) <> coalesce(c.n, 0) OR coalesce(p.est, 0) <> coalesce(c.est, 0)`);
}

/** task_search must hold exactly the live tasks, with their text lowered. */
async function searchDiff(ds: DataSource): Promise<unknown[]> {
  return ds.query(`
    (SELECT id, workspace_id, list_id, archived, status_category, top_level, date_updated, name_l, desc_l FROM task_search
     EXCEPT
     SELECT id, workspace_id, list_id, archived, status_category, parent_id IS NULL, date_updated, lower(name),
            lower(coalesce(text_content, '') || ' ' || coalesce(description, '')) FROM tasks WHERE deleted_at IS NULL)
    UNION ALL
    (SELECT id, workspace_id, list_id, archived, status_category, parent_id IS NULL, date_updated, lower(name),
            lower(coalesce(text_content, '') || ' ' || coalesce(description, '')) FROM tasks WHERE deleted_at IS NULL
     EXCEPT
     SELECT id, workspace_id, list_id, archived, status_category, top_level, date_updated, name_l, desc_l FROM task_search)`);
}

async function entryCountsDiff(ds: DataSource): Promise<unknown[]> {
  return ds.query(`
    SELECT * FROM (SELECT workspace_id, deleted, running, n FROM time_entry_counts) c
    FULL JOIN (SELECT workspace_id AS w, deleted_at IS NOT NULL AS d, running AS r, count(*)::int AS n FROM time_entries GROUP BY 1, 2, 3) t
      ON (c.workspace_id, c.deleted, c.running) = (t.w, t.d, t.r)
    WHERE coalesce(c.n, 0) <> coalesce(t.n, 0)`);
}

const insertTasks = (
  ds: DataSource,
  rows: { id: string; list: string; status: string; cat: string; archived?: boolean; parent?: string }[],
  onConflict = '',
) =>
  ds.query(
    `INSERT INTO tasks (id, workspace_id, name, status, status_type, status_category, list_id, space_id, parent_id, archived,
                        date_created, date_updated, synced_at)
     SELECT id, 'w1', 'task ' || id, status, 'custom', cat, list, 's1', parent, archived, now(), now(), now()
     FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::boolean[], $6::text[]) AS x(id, list, status, cat, archived, parent)
     ${onConflict}`,
    [
      rows.map((r) => r.id),
      rows.map((r) => r.list),
      rows.map((r) => r.status),
      rows.map((r) => r.cat),
      rows.map((r) => r.archived ?? false),
      rows.map((r) => r.parent ?? null),
    ],
  );

describe.each(TEST_ENGINES)('read counters on %s', (kind) => {
  let db: TestDatabase;
  let ds: DataSource;

  beforeAll(async () => {
    db = await createTestDatabase(kind);
    ds = await db.dataSource();
  });
  afterAll(async () => db?.drop());

  it('task_counts, task_search and open_work_counts follow the tasks through inserts, upserts, soft and hard deletes and truncation', async () => {
    const statuses = [
      ['to do', 'not_started'],
      ['in progress', 'active'],
      ['done', 'done'],
    ];
    const rows = Array.from({ length: 300 }, (_, i) => ({
      id: `t${i}`,
      list: `l${i % 4}`,
      status: statuses[i % 3][0],
      cat: statuses[i % 3][1],
      archived: i % 7 === 0,
      parent: i % 5 === 0 && i > 0 ? `t${i - 1}` : undefined,
    }));
    await insertTasks(ds, rows);
    expect(await taskCountsDiff(ds)).toEqual([]);
    expect(await searchDiff(ds)).toEqual([]);
    const [{ n }] = await ds.query(`SELECT sum(n)::int AS n FROM task_counts WHERE NOT deleted`);
    expect(n).toBe(300);

    // The sync's upsert: some rows move list and status, some are unchanged and skipped, some are new.
    const moved = rows.slice(0, 120).map((r, i) => (i % 2 ? { ...r, list: 'l9', status: 'done', cat: 'done' } : r));
    await insertTasks(
      ds,
      [...moved, { id: 'new1', list: 'l9', status: 'to do', cat: 'not_started' }],
      `ON CONFLICT (id) DO UPDATE SET list_id = EXCLUDED.list_id, status = EXCLUDED.status, status_category = EXCLUDED.status_category
       WHERE (tasks.list_id, tasks.status) IS DISTINCT FROM (EXCLUDED.list_id, EXCLUDED.status)`,
    );
    expect(await taskCountsDiff(ds)).toEqual([]);
    await ds.query(`UPDATE tasks SET name = 'Renamed ÄÖÜ Task', description = 'NEW words' WHERE id IN ('t8', 't9')`);
    expect(await searchDiff(ds)).toEqual([]);
    // Assignees and estimates (open work): set, changed, closed, archived.
    await ds.query(`UPDATE tasks SET assignee_ids = ARRAY[7, 9]::bigint[], time_estimate = 3600000 WHERE id LIKE 't2%'`);
    await ds.query(`UPDATE tasks SET assignee_ids = ARRAY[7]::bigint[], time_estimate = 1000 WHERE id LIKE 't3%'`);
    // Three people on one estimate, ids unsorted: the lowest ids take the remainder's extra ms.
    await ds.query(`UPDATE tasks SET assignee_ids = ARRAY[13, 9, 11]::bigint[] WHERE id IN ('t24', 't30')`);
    await ds.query(`UPDATE tasks SET status = 'done', status_category = 'done' WHERE id = 't22'`);
    await ds.query(`UPDATE tasks SET archived = true WHERE id = 't23'`);
    expect(await openWorkDiff(ds)).toEqual([]);
    expect(await openWorkPeopleDiff(ds)).toEqual([]);
    const [{ users }] = await ds.query(`SELECT count(DISTINCT user_id)::int AS users FROM open_work_counts WHERE n > 0`);
    expect(users).toBeGreaterThanOrEqual(4);
    // The same open work read from the tasks (the path for filters the counters cannot answer,
    // forced here by naming every task) matches the counters person by person.
    const workload = new TaskWorkloadRepository(ds);
    const open = { workspaceId: 'w1', includeClosed: false, includeSubtasks: true, includeArchived: false };
    const ids = ((await ds.query(`SELECT id FROM tasks`)) as { id: string }[]).map((r) => r.id);
    const byPerson = (r: Awaited<ReturnType<TaskWorkloadRepository['openWork']>>) => ({
      total: r.total,
      rows: Object.fromEntries(r.rows.map((x) => [String(x.userId), [x.openTasks, x.openEstimateMs]])),
    });
    const counted = byPerson(await workload.openWork(open));
    expect(counted.rows['13']).toBeDefined();
    expect(byPerson(await workload.openWork({ ...open, ids }))).toEqual(counted);
    // Lists left out (archived ones, in use) and lists named: the same as from the tasks.
    for (const lists of [{ excludeListIds: ['l1', 'l9'] }, { listIds: ['l0', 'l2'] }, { listIds: ['l0', 'l2'], excludeListIds: ['l2'] }]) {
      const fromCounters = byPerson(await workload.openWork({ ...open, ...lists }));
      expect(Object.keys(fromCounters.rows).length).toBeGreaterThan(0);
      expect(byPerson(await workload.openWork({ ...open, ...lists, ids }))).toEqual(fromCounters);
    }
    // Folded into one row per person and flag, the sums stay; the reads answer the same.
    const maintenance = new TableMaintenanceRepository(ds);
    const [{ before }] = await ds.query(`SELECT count(*)::int AS before FROM open_work_people WHERE workspace_id = 'w1'`);
    expect(await maintenance.foldOpenWorkPeople('w1')).toBe(before);
    const [{ after, keys }] = await ds.query(
      `SELECT count(*)::int AS after, count(DISTINCT (user_id, archived))::int AS keys FROM open_work_people WHERE workspace_id = 'w1'`,
    );
    expect([after, after < before]).toEqual([keys, true]);
    expect(await openWorkPeopleDiff(ds)).toEqual([]);
    expect(byPerson(await workload.openWork(open))).toEqual(counted);

    await ds.query(`UPDATE tasks SET deleted_at = now() WHERE id IN ('t3', 't4', 't5')`);
    await ds.query(`UPDATE tasks SET archived = true, parent_id = NULL WHERE id LIKE 't1%'`);
    await ds.query(`DELETE FROM tasks WHERE id IN ('t6', 't7', 'new1')`);
    expect(await taskCountsDiff(ds)).toEqual([]);
    expect(await searchDiff(ds)).toEqual([]);
    // A soft-deleted task that comes back is searchable again.
    await ds.query(`UPDATE tasks SET deleted_at = NULL WHERE id = 't3'`);
    expect(await searchDiff(ds)).toEqual([]);
    expect(await openWorkDiff(ds)).toEqual([]);
    expect(await openWorkPeopleDiff(ds)).toEqual([]);

    // A transaction that rolls back leaves the counters as they were.
    await ds
      .transaction(async (em) => {
        await em.query(`UPDATE tasks SET list_id = 'l0'`);
        await em.query(`SELECT 1/0`);
      })
      .catch(() => undefined);
    expect(await taskCountsDiff(ds)).toEqual([]);

    await ds.query(`TRUNCATE tasks`);
    expect(await ds.query(`SELECT * FROM task_counts WHERE n <> 0`)).toEqual([]);
    expect(await ds.query(`SELECT * FROM task_search`)).toEqual([]);
    expect(await ds.query(`SELECT * FROM open_work_counts WHERE n <> 0`)).toEqual([]);
    expect(await openWorkPeopleDiff(ds)).toEqual([]);
  });

  it('time_entry_counts equals a count of entries and bounds the longest span', async () => {
    const insert = (ids: string[], start: string, durationMs: number | null, running = false) =>
      ds.query(
        `INSERT INTO time_entries (id, workspace_id, user_id, start_at, end_at, duration_ms, running, synced_at)
         SELECT id, 'w1', 7, $2::timestamptz, CASE WHEN $4 THEN NULL ELSE $2::timestamptz + $3 * interval '1 millisecond' END,
                CASE WHEN $4 THEN NULL ELSE $3 END, $4, now()
         FROM unnest($1::text[]) AS id
         ON CONFLICT (id) DO UPDATE SET duration_ms = EXCLUDED.duration_ms, end_at = EXCLUDED.end_at, running = EXCLUDED.running
         WHERE (time_entries.duration_ms, time_entries.running) IS DISTINCT FROM (EXCLUDED.duration_ms, EXCLUDED.running)`,
        [ids, start, durationMs, running],
      );
    await insert(['e1', 'e2', 'e3'], '2026-01-01T00:00:00Z', 3_600_000);
    await insert(['e4'], '2026-01-02T00:00:00Z', null, true);
    await insert(['e5'], '2026-01-03T00:00:00Z', 5 * 86_400_000);
    await insert(['e1'], '2026-01-01T00:00:00Z', 7_200_000);
    await insert(['e2'], '2026-01-01T00:00:00Z', 3_600_000);
    await ds.query(`UPDATE time_entries SET deleted_at = now() WHERE id = 'e3'`);
    await ds.query(`UPDATE time_entries SET running = false, end_at = start_at + interval '1 hour', duration_ms = 3600000 WHERE id = 'e4'`);
    expect(await entryCountsDiff(ds)).toEqual([]);
    const [{ span }] = await ds.query(`SELECT max(max_span_ms)::bigint AS span FROM time_entry_counts WHERE NOT deleted`);
    expect(Number(span)).toBeGreaterThanOrEqual(5 * 86_400_000);
    await ds.query(`DELETE FROM time_entries WHERE id = 'e2'`);
    expect(await entryCountsDiff(ds)).toEqual([]);
  });

  it('concurrent writers keep exact counts and do not deadlock', async () => {
    const rows = (p: string) => Array.from({ length: 200 }, (_, i) => ({ id: `${p}${i}`, list: `c${i % 5}`, status: 'open', cat: 'not_started' }));
    await Promise.all(
      ['a', 'b', 'c', 'd'].map((p) =>
        ds.transaction(async (em) => {
          await em.query(
            // The same two people on every task: all four writers change their open work at once.
            `INSERT INTO tasks (id, workspace_id, name, status, status_type, status_category, list_id, space_id, assignee_ids, time_estimate, date_created, date_updated, synced_at)
         SELECT id, 'w2', id, status, 'open', cat, list, 's1', ARRAY[7, 9]::bigint[], 60000, now(), now(), now() FROM unnest($1::text[], $2::text[], $3::text[], $4::text[]) AS x(id, list, status, cat)`,
            [rows(p).map((r) => r.id), rows(p).map((r) => r.list), rows(p).map((r) => r.status), rows(p).map((r) => r.cat)],
          );
          await em.query(
            `UPDATE tasks SET status = 'doing', status_category = 'active' WHERE workspace_id = 'w2' AND id LIKE $1 || '%' AND id LIKE '%1'`,
            [p],
          );
        }),
      ),
    );
    expect(await taskCountsDiff(ds)).toEqual([]);
    expect(await openWorkPeopleDiff(ds)).toEqual([]);
    const [{ n }] = await ds.query(`SELECT sum(n)::int AS n FROM task_counts WHERE workspace_id = 'w2'`);
    expect(n).toBe(800);
  });

  it('the counts version moves with every committed change to the counts, from any connection, and only then', async () => {
    const repo = new HierarchyQueryRepository(ds);
    const truth = async () =>
      (
        (await ds.query(`SELECT list_id, status_category, archived, count(*)::int AS n FROM tasks WHERE workspace_id = 'w3' AND deleted_at IS NULL
                        GROUP BY 1, 2, 3 ORDER BY 1, 2, 3`)) as { list_id: string; status_category: string; archived: boolean; n: number }[]
      ).map((r) => [r.list_id, r.status_category, r.archived, r.n]);
    const sorted = (text: string | null) =>
      parseListCounts(text!)
        .map((r) => [r.listId, r.category, r.archived, r.n])
        .sort((a, b) => String(a).localeCompare(String(b)));
    const check = async (known: string | null) => repo.listCountsIfChanged('w3', known);

    const empty = await check(null);
    expect(parseListCounts(empty.counts!)).toEqual([]);
    await ds.query(`INSERT INTO tasks (id, workspace_id, name, status, status_type, status_category, list_id, space_id, archived, date_created, date_updated, synced_at)
                    SELECT 'v' || i, 'w3', 'v' || i, 'open', 'open', 'not_started', 'vl' || (i % 3), 's1', i % 4 = 0, now(), now(), now() FROM generate_series(1, 40) i`);
    const v1 = await check(empty.version);
    expect(v1.version).not.toBe(empty.version);
    expect(sorted(v1.counts)).toEqual(await truth());
    // Unchanged: the same version, and no counts sent.
    expect(await check(v1.version)).toEqual({ version: v1.version, counts: null });
    // Another workspace's writes leave this version alone.
    await insertTasks(ds, [{ id: 'other-ws', list: 'l1', status: 'to do', cat: 'not_started' }]);
    expect((await check(v1.version)).counts).toBeNull();
    // A rolled-back change leaves it too.
    await ds
      .transaction(async (em) => {
        await em.query(`UPDATE tasks SET status_category = 'done' WHERE workspace_id = 'w3'`);
        await em.query(`SELECT 1/0`);
      })
      .catch(() => undefined);
    expect((await check(v1.version)).counts).toBeNull();
    // One task changing status, moving, archived, deleted: each moves the version, counts exact.
    let known = v1.version;
    for (const change of [
      `UPDATE tasks SET status = 'doing', status_category = 'active' WHERE id = 'v5'`,
      `UPDATE tasks SET list_id = 'vl9' WHERE id = 'v6'`,
      `UPDATE tasks SET archived = true WHERE id = 'v7'`,
      `UPDATE tasks SET deleted_at = now() WHERE id = 'v9'`,
      `DELETE FROM tasks WHERE id = 'v10'`,
    ]) {
      await ds.query(change);
      const r = await check(known);
      expect(r.version).not.toBe(known);
      expect(sorted(r.counts)).toEqual(await truth());
      known = r.version;
    }
    // Two writers committing between two reads, the later transaction first (PGlite has one connection: no such case).
    if (kind === 'pglite') return;
    const [a, b] = [ds.createQueryRunner(), ds.createQueryRunner()];
    try {
      await a.startTransaction();
      await a.query(`UPDATE tasks SET status_category = 'active' WHERE id = 'v11'`);
      await b.startTransaction();
      await b.query(`UPDATE tasks SET status_category = 'active' WHERE id = 'v12'`);
      await b.commitTransaction();
      await a.commitTransaction();
    } finally {
      await a.release();
      await b.release();
    }
    const r = await check(known);
    expect(r.version).not.toBe(known);
    expect(sorted(r.counts)).toEqual(await truth());
  });

  it('has the trigram index for keyword search', async () => {
    const rows = await ds.query(`SELECT indexname FROM pg_indexes WHERE tablename = 'task_search' AND indexname = 'idx_task_search_doc'`);
    expect(rows).toHaveLength(1);
  });
});
