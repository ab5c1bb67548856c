import { Client } from 'pg';

/** One read tool call with realistic arguments (the big cases: largest space, biggest list…). */
export interface ReadCall {
  label: string;
  tool: string;
  args: Record<string, unknown>;
}

/**
 * Picks the arguments a user of the `large` workspace would pass for the expensive cases, from
 * the database itself: the largest space, the biggest folder and list, the busiest person, the
 * task with the largest subtree, a word that hits thousands of tasks. Names, not ids, where a
 * person would type names (resolution is part of the cost).
 */
export async function readCalls(dbUrl: string): Promise<ReadCall[]> {
  const c = new Client({ connectionString: dbUrl });
  await c.connect();
  try {
    const one = async (sql: string, params: unknown[] = []) => (await c.query(sql, params)).rows[0];
    const space = await one(`SELECT s.id, s.name, count(*) AS n FROM tasks t JOIN spaces s ON s.id = t.space_id
      WHERE t.deleted_at IS NULL AND NOT s.archived GROUP BY s.id, s.name ORDER BY n DESC LIMIT 1`);
    const folder =
      await one(`SELECT f.id, f.name, s.name AS space, count(*) AS n FROM tasks t JOIN folders f ON f.id = t.folder_id JOIN spaces s ON s.id = f.space_id
      WHERE t.deleted_at IS NULL AND NOT f.archived AND NOT s.archived GROUP BY f.id, f.name, s.name ORDER BY n DESC LIMIT 1`);
    const list =
      await one(`SELECT l.id, l.name, s.name AS space, count(*) AS n FROM tasks t JOIN lists l ON l.id = t.list_id JOIN spaces s ON s.id = l.space_id
      WHERE t.deleted_at IS NULL AND NOT l.archived AND NOT s.archived GROUP BY l.id, l.name, s.name ORDER BY n DESC LIMIT 1`);
    const folderless = await one(`SELECT s.name, count(*) AS n FROM lists l JOIN spaces s ON s.id = l.space_id
      WHERE l.folder_id IS NULL AND l.deleted_at IS NULL AND NOT s.archived GROUP BY s.name ORDER BY n DESC LIMIT 1`);
    const person = await one(`SELECT m.user_id, m.username, count(*) AS n FROM task_assignees a JOIN tasks t ON t.id = a.task_id
      JOIN members m ON m.user_id = a.user_id WHERE t.deleted_at IS NULL AND t.status_category NOT IN ('done', 'closed') AND m.removed_at IS NULL
      GROUP BY m.user_id, m.username ORDER BY n DESC LIMIT 1`);
    const root = await one(`SELECT p.id, coalesce(p.custom_id, p.id) AS ref, count(*) AS n FROM tasks c JOIN tasks p ON p.id = c.top_level_parent_id
      WHERE c.deleted_at IS NULL AND p.deleted_at IS NULL GROUP BY p.id, p.custom_id ORDER BY n DESC LIMIT 1`);
    // The most frequent word of 5+ letters in task names: thousands of hits.
    const word =
      await one(`SELECT w, count(*) AS n FROM (SELECT regexp_split_to_table(lower(name), '[^a-z]+') AS w FROM tasks WHERE deleted_at IS NULL) x
      WHERE length(w) >= 5 GROUP BY w ORDER BY n DESC LIMIT 1`);
    const status = await one(
      `SELECT status, count(*) AS n FROM tasks WHERE space_id = $1 AND deleted_at IS NULL GROUP BY status ORDER BY n DESC LIMIT 1`,
      [space.id],
    );
    const people = (
      await c.query(`SELECT username FROM members WHERE username IS NOT NULL AND removed_at IS NULL ORDER BY user_id LIMIT 5`)
    ).rows.map((r) => r.username as string);
    return [
      { label: 'get_workspaces', tool: 'get_workspaces', args: {} },
      { label: 'get_spaces', tool: 'get_spaces', args: {} },
      { label: 'get_spaces (archived too)', tool: 'get_spaces', args: { include_archived: true } },
      { label: `get_space (largest, ${space.n} tasks)`, tool: 'get_space', args: { space: space.name } },
      { label: 'get_folders (largest space)', tool: 'get_folders', args: { space: space.name } },
      { label: `get_folder (biggest, ${folder.n} tasks)`, tool: 'get_folder', args: { folder: folder.name, space: folder.space } },
      { label: 'get_lists (biggest folder)', tool: 'get_lists', args: { folder: folder.name, space: folder.space } },
      { label: `get_folderless_lists (${folderless.n} lists)`, tool: 'get_folderless_lists', args: { space: folderless.name } },
      { label: `get_list (biggest, ${list.n} tasks)`, tool: 'get_list', args: { list: list.name, space: list.space } },
      { label: 'get_workspace_members', tool: 'get_workspace_members', args: {} },
      { label: 'get_tasks (workspace)', tool: 'get_tasks', args: {} },
      { label: 'get_tasks (biggest list)', tool: 'get_tasks', args: { list: list.name, space: list.space } },
      { label: 'get_tasks (busiest person, workspace)', tool: 'get_tasks', args: { assignee: person.username } },
      { label: `get_task (largest tree, ${root.n} subtasks)`, tool: 'get_task', args: { task: root.ref } },
      { label: `search_tasks ('${word.w}', ${word.n} names)`, tool: 'search_tasks', args: { query: word.w } },
      { label: 'get_project_tasks (largest space)', tool: 'get_project_tasks', args: { project: space.name } },
      { label: 'get_list_progress (biggest list)', tool: 'get_list_progress', args: { list: list.name, space: list.space } },
      { label: 'get_workload (workspace)', tool: 'get_workload', args: {} },
      { label: 'get_workload (largest space)', tool: 'get_workload', args: { space: space.name } },
      { label: 'get_overdue_tasks (workspace)', tool: 'get_overdue_tasks', args: {} },
      { label: 'get_task_hierarchy (biggest list)', tool: 'get_task_hierarchy', args: { list: list.name, space: list.space } },
      { label: 'get_task_hierarchy (largest tree)', tool: 'get_task_hierarchy', args: { task: root.ref } },
      { label: `get_tasks_by_assignee (busiest, ${person.n} open)`, tool: 'get_tasks_by_assignee', args: { assignee: person.username } },
      {
        label: `get_tasks_by_status ('${status.status}' in largest space)`,
        tool: 'get_tasks_by_status',
        args: { space: space.name, status: status.status },
      },
      { label: 'get_sync_status', tool: 'get_sync_status', args: {} },
      { label: 'resolve_assignees (5 names)', tool: 'resolve_assignees', args: { people: people } },
    ];
  } finally {
    await c.end();
  }
}
