-- EXPLAIN (ANALYZE, BUFFERS) of the slow queries of issue 10, as they were and as they are,
-- on the synced `large` workspace (docs/benchmarks.md). Run against the benchmark database:
--   psql "$BENCH_URL" -v ws=9015000042 -v list=901530000001 -v space=901510000001 -f bench/sql/plans.sql
-- The old statements are the ones the code sent before; the new ones are what it sends now.
\set archived '{901530000003,901530000015,901530000020}'
SET max_parallel_workers_per_gather = 0;  -- one process per statement, as under concurrent load
SET jit = off;                            -- as the app's sessions

\echo === 1 get_spaces task counts: BEFORE (one tasks scan per space)
EXPLAIN (ANALYZE, BUFFERS, COSTS OFF) SELECT s.id, (SELECT count(*) FROM tasks t WHERE t.space_id = s.id AND t.deleted_at IS NULL)::int AS task_count
FROM spaces s WHERE s.workspace_id = :'ws' AND s.deleted_at IS NULL;
\echo === 1 AFTER (trigger-kept task_counts)
EXPLAIN (ANALYZE, BUFFERS, COSTS OFF) SELECT list_id, status_category, archived, sum(n)::int AS n FROM task_counts
WHERE workspace_id = :'ws' AND NOT deleted GROUP BY list_id, status_category, archived HAVING sum(n) > 0;

\echo === 2 get_tasks (workspace) total: BEFORE
EXPLAIN (ANALYZE, BUFFERS, COSTS OFF) SELECT count(*)::int AS n FROM tasks t WHERE t.workspace_id = :'ws' AND t.deleted_at IS NULL AND NOT t.archived
  AND NOT EXISTS (SELECT 1 FROM lists al LEFT JOIN folders af ON af.id = al.folder_id LEFT JOIN spaces asp ON asp.id = al.space_id
        WHERE al.id = t.list_id AND (al.archived OR coalesce(af.archived, false) OR coalesce(asp.archived, false)))
  AND NOT (t.status_category IN ('done', 'closed'));
\echo === 2 AFTER
EXPLAIN (ANALYZE, BUFFERS, COSTS OFF) SELECT coalesce(sum(c.n), 0)::int AS n FROM task_counts c WHERE c.workspace_id = :'ws' AND NOT c.deleted
  AND NOT (c.list_id = ANY(:'archived'::text[])) AND NOT c.archived AND c.status_category NOT IN ('done', 'closed');

\echo === 3 get_task_hierarchy (biggest list): BEFORE, the recursive subtree
EXPLAIN (ANALYZE, BUFFERS, COSTS OFF) WITH RECURSIVE tree(id) AS (
  SELECT t.id FROM tasks t WHERE t.workspace_id = :'ws' AND t.list_id = :'list' AND t.deleted_at IS NULL AND t.parent_id IS NULL
  UNION
  SELECT c.id FROM tasks c JOIN tree ON c.parent_id = tree.id WHERE c.deleted_at IS NULL
) SELECT count(*) FROM tree JOIN tasks t ON t.id = tree.id;
\echo === 3 AFTER, skeletons by one index lookup per node (LATERAL behind an OFFSET 0 fence)
EXPLAIN (ANALYZE, BUFFERS, COSTS OFF) WITH RECURSIVE tree(id, parent_id, time_estimate, archived, date_created, is_root) AS (
  SELECT t.id, t.parent_id, t.time_estimate, t.archived, t.date_created, true FROM tasks t
  LEFT JOIN tasks p ON p.id = t.parent_id AND p.deleted_at IS NULL
  WHERE t.workspace_id = :'ws' AND t.list_id = :'list' AND t.deleted_at IS NULL AND NOT t.archived AND (p.id IS NULL OR p.list_id <> t.list_id)
  UNION
  SELECT c.id, c.parent_id, c.time_estimate, c.archived, c.date_created, false
  FROM tree CROSS JOIN LATERAL (SELECT x.id, x.parent_id, x.time_estimate, x.archived, x.date_created FROM tasks x
    WHERE x.parent_id = tree.id AND x.workspace_id = :'ws' AND x.deleted_at IS NULL OFFSET 0) c
) SELECT * FROM tree ORDER BY date_created, id;

\echo === 4 get_workload open work: BEFORE
EXPLAIN (ANALYZE, BUFFERS, COSTS OFF) SELECT a.user_id, GROUPING(a.user_id) AS is_total, count(DISTINCT t.id)::int AS open_tasks,
       coalesce(sum(t.time_estimate::numeric / greatest(n.cnt, 1)), 0) AS open_estimate_ms
FROM tasks t LEFT JOIN task_assignees a ON a.task_id = t.id
CROSS JOIN LATERAL (SELECT count(*)::int AS cnt FROM task_assignees x WHERE x.task_id = t.id) n
WHERE t.workspace_id = :'ws' AND t.deleted_at IS NULL AND NOT t.archived AND NOT (t.status_category IN ('done', 'closed'))
  AND NOT EXISTS (SELECT 1 FROM lists al LEFT JOIN folders af ON af.id = al.folder_id LEFT JOIN spaces asp ON asp.id = al.space_id
        WHERE al.id = t.list_id AND (al.archived OR coalesce(af.archived, false) OR coalesce(asp.archived, false)))
GROUP BY GROUPING SETS ((a.user_id), ());
\echo === 4 AFTER (assignee ids on the task, index-only on idx_tasks_open, grouped by assignee set first)
EXPLAIN (ANALYZE, BUFFERS, COSTS OFF) WITH g AS (
  SELECT t.assignee_ids, count(*) AS n, sum(t.time_estimate) AS est FROM tasks t
  WHERE t.workspace_id = :'ws' AND t.deleted_at IS NULL AND NOT (t.list_id = ANY(:'archived'::text[])) AND NOT t.archived AND NOT (t.status_category IN ('done', 'closed'))
  GROUP BY t.assignee_ids
) SELECT u.user_id, cardinality(g.assignee_ids) AS k, sum(g.n) AS n, sum(g.est) AS est
FROM g CROSS JOIN LATERAL unnest(CASE WHEN cardinality(g.assignee_ids) = 0 THEN ARRAY[NULL::bigint] ELSE g.assignee_ids END) AS u(user_id)
GROUP BY u.user_id, cardinality(g.assignee_ids);

\echo === 5 get_workload time logged (30 days): BEFORE (every entry that starts before the window end)
EXPLAIN (ANALYZE, BUFFERS, COSTS OFF) SELECT e.user_id,
  sum(greatest(0, extract(epoch FROM (least((CASE WHEN e.running THEN now() ELSE coalesce(e.end_at, e.start_at + e.duration_ms * interval '1 millisecond') END), now()) - greatest(e.start_at, now() - interval '30 days'))) * 1000))::bigint
FROM time_entries e LEFT JOIN tasks t ON t.id = e.task_id
WHERE e.workspace_id = :'ws' AND e.deleted_at IS NULL AND (t.id IS NULL OR t.deleted_at IS NULL)
  AND e.start_at < now() AND (CASE WHEN e.running THEN now() ELSE coalesce(e.end_at, e.start_at + e.duration_ms * interval '1 millisecond') END) > now() - interval '30 days'
GROUP BY e.user_id;
\echo === 5 AFTER (entries starting after window start − longest entry, plus running timers)
EXPLAIN (ANALYZE, BUFFERS, COSTS OFF) WITH e AS (
  SELECT e.user_id, e.task_id, e.start_at, coalesce(e.end_at, e.start_at + e.duration_ms * interval '1 millisecond') AS end_at, false AS running
  FROM time_entries e WHERE e.workspace_id = :'ws' AND e.deleted_at IS NULL AND NOT e.running
    AND e.start_at >= now() - interval '30 days' - (SELECT max(max_span_ms) FROM time_entry_counts) * interval '1 millisecond' AND e.start_at < now()
  UNION ALL
  SELECT e.user_id, e.task_id, e.start_at, now(), true FROM time_entries e WHERE e.workspace_id = :'ws' AND e.deleted_at IS NULL AND e.running AND e.start_at < now()
) SELECT e.user_id, sum(greatest(0, date_part('epoch', least(e.end_at, now()) - greatest(e.start_at, now() - interval '30 days')) * 1000))::bigint
FROM e WHERE e.end_at > now() - interval '30 days' AND NOT EXISTS (SELECT 1 FROM tasks d WHERE d.id = e.task_id AND d.deleted_at IS NOT NULL)
GROUP BY e.user_id;

\echo === 6 search_tasks 'review': BEFORE (count, then the page: two scans, ILIKE)
EXPLAIN (ANALYZE, BUFFERS, COSTS OFF) SELECT count(*) FROM tasks t WHERE t.workspace_id = :'ws' AND t.deleted_at IS NULL AND NOT t.archived
  AND (t.name || ' ' || (coalesce(t.text_content, '') || ' ' || coalesce(t.description, ''))) ILIKE ALL('{%review%}'::text[]);
\echo === 6 AFTER (task_search: trigram index, lowered text, ranked page and total in one pass)
EXPLAIN (ANALYZE, BUFFERS, COSTS OFF) SELECT s.id, row_number() OVER (ORDER BY CASE WHEN s.name_l LIKE '%review%' THEN 0 WHEN s.name_l LIKE ALL('{%review%}') THEN 1
    WHEN s.desc_l LIKE '%review%' THEN 2 WHEN s.desc_l LIKE ALL('{%review%}') THEN 3 ELSE 4 END, s.date_updated DESC, s.id) AS ord, count(*) OVER () AS total
FROM task_search s WHERE s.workspace_id = :'ws' AND NOT (s.list_id = ANY(:'archived'::text[])) AND NOT s.archived
  AND (s.name_l || ' ' || s.desc_l) LIKE '%review%'
ORDER BY CASE WHEN s.name_l LIKE '%review%' THEN 0 WHEN s.name_l LIKE ALL('{%review%}') THEN 1
    WHEN s.desc_l LIKE '%review%' THEN 2 WHEN s.desc_l LIKE ALL('{%review%}') THEN 3 ELSE 4 END, s.date_updated DESC, s.id LIMIT 15;

\echo === 7 get_task by custom id: BEFORE / AFTER (expression index on upper(custom_id))
EXPLAIN (ANALYZE, BUFFERS, COSTS OFF) SELECT id FROM tasks WHERE workspace_id = :'ws' AND deleted_at IS NULL AND (id = 'OPS-304' OR upper(custom_id) = upper('OPS-304')) ORDER BY (id = 'OPS-304') DESC LIMIT 1;

\echo === 8 get_sync_status counts: BEFORE
EXPLAIN (ANALYZE, BUFFERS, COSTS OFF) SELECT (SELECT count(*) FROM time_entries WHERE deleted_at IS NULL), (SELECT count(*) FROM time_entries WHERE deleted_at IS NOT NULL),
  (SELECT count(*) FROM tasks WHERE deleted_at IS NULL), (SELECT max(synced_at) FROM time_entries);
\echo === 8 AFTER
EXPLAIN (ANALYZE, BUFFERS, COSTS OFF) SELECT (SELECT coalesce(sum(n), 0) FROM time_entry_counts WHERE NOT deleted), (SELECT coalesce(sum(n), 0) FROM time_entry_counts WHERE deleted),
  (SELECT coalesce(sum(n), 0) FROM task_counts WHERE NOT deleted), (SELECT max(last_synced_at) FROM time_entry_counts);
