import { DataSource } from 'typeorm';
import type { SandboxDump } from '../../src/sandbox/sandbox-dump.types';

/**
 * Compares what the product synced with the sandbox's ground truth, field by field, and returns
 * every difference as a readable line (empty = equal). Written independently of the sync code:
 * it reads the tables with its own SQL and the dump as the sandbox produced it.
 */
export async function diffDatabaseWithDump(ds: DataSource, dump: SandboxDump, opts: { timeEntries?: boolean } = {}): Promise<string[]> {
  const diffs: string[] = [];
  const ms = (v: unknown) => (v == null ? null : new Date(v as string).getTime());
  const cmp = (what: string, expected: unknown, actual: unknown) => {
    if (JSON.stringify(expected) !== JSON.stringify(actual)) {
      diffs.push(`${what}: expected ${JSON.stringify(expected)}, got ${JSON.stringify(actual)}`);
    }
  };
  const sorted = <T>(xs: T[]) => [...xs].sort();

  // Members
  const members: Record<string, unknown>[] = await ds.query(`SELECT user_id, username, email, role, status FROM members WHERE removed_at IS NULL`);
  const memberById = new Map(members.map((m) => [Number(m.user_id), m]));
  cmp(
    'member ids',
    dump.members.map((m) => m.id).sort((a, b) => a - b),
    [...memberById.keys()].sort((a, b) => a - b),
  );
  for (const m of dump.members) {
    const row = memberById.get(m.id);
    if (!row) continue;
    cmp(`member ${m.id}`, [m.username, m.email, m.role, m.status], [row.username, row.email, row.role, row.status]);
  }

  // Hierarchy
  const spaces: Record<string, unknown>[] = await ds.query(`SELECT id, name, archived, private, statuses FROM spaces WHERE deleted_at IS NULL`);
  const spaceById = new Map(spaces.map((s) => [s.id as string, s]));
  cmp('space ids', dump.spaces.map((s) => s.id).sort(), [...spaceById.keys()].sort());
  for (const s of dump.spaces) {
    const row = spaceById.get(s.id);
    if (!row) continue;
    cmp(`space ${s.id}`, [s.name, s.archived, s.private], [row.name, row.archived, row.private]);
    cmp(
      `space ${s.id} statuses`,
      s.statuses.map((x) => [x.status, x.type]),
      (row.statuses as { status: string; type: string }[]).map((x) => [x.status, x.type]),
    );
  }
  const folders: Record<string, unknown>[] = await ds.query(
    `SELECT id, space_id, name, archived, override_statuses FROM folders WHERE deleted_at IS NULL`,
  );
  const folderById = new Map(folders.map((f) => [f.id as string, f]));
  cmp('folder ids', dump.folders.map((f) => f.id).sort(), [...folderById.keys()].sort());
  for (const f of dump.folders) {
    const row = folderById.get(f.id);
    if (row)
      cmp(`folder ${f.id}`, [f.spaceId, f.name, f.archived, f.overrideStatuses], [row.space_id, row.name, row.archived, row.override_statuses]);
  }
  const lists: Record<string, unknown>[] = await ds.query(
    `SELECT id, space_id, folder_id, name, archived, statuses_source FROM lists WHERE deleted_at IS NULL`,
  );
  const listById = new Map(lists.map((l) => [l.id as string, l]));
  cmp('list ids', dump.lists.map((l) => l.id).sort(), [...listById.keys()].sort());
  for (const l of dump.lists) {
    const row = listById.get(l.id);
    if (row) {
      cmp(
        `list ${l.id}`,
        [l.spaceId, l.folderId, l.name, l.archived, l.effectiveStatusSource],
        [row.space_id, row.folder_id, row.name, row.archived, row.statuses_source],
      );
    }
  }

  // Tasks
  const tasks: Record<string, unknown>[] = await ds.query(`
    SELECT t.*, 
      coalesce((SELECT array_agg(user_id::bigint ORDER BY user_id) FROM task_assignees a WHERE a.task_id = t.id), '{}') AS assignee_ids,
      coalesce((SELECT array_agg(user_id::bigint ORDER BY user_id) FROM task_watchers w WHERE w.task_id = t.id), '{}') AS watcher_ids,
      coalesce((SELECT array_agg(list_id ORDER BY list_id) FROM task_lists l WHERE l.task_id = t.id), '{}') AS extra_list_ids
    FROM tasks t WHERE t.deleted_at IS NULL`);
  const taskById = new Map(tasks.map((t) => [t.id as string, t]));
  const expectedIds = dump.tasks.map((t) => t.id).sort();
  const actualIds = [...taskById.keys()].sort();
  const missing = expectedIds.filter((id) => !taskById.has(id));
  const extra = actualIds.filter((id) => !dump.tasks.some((t) => t.id === id));
  if (missing.length) diffs.push(`tasks missing from the database: ${missing.length} (${missing.slice(0, 10).join(', ')})`);
  if (extra.length) diffs.push(`tasks live in the database but not in ClickUp: ${extra.length} (${extra.slice(0, 10).join(', ')})`);
  for (const t of dump.tasks) {
    const r = taskById.get(t.id);
    if (!r) continue;
    cmp(
      `task ${t.id}`,
      {
        customId: t.customId,
        name: t.name,
        status: t.status,
        statusType: t.statusType,
        priority: t.priority,
        parentId: t.parentId,
        topLevelParentId: t.topLevelParentId,
        listId: t.listId,
        folderId: t.folderId,
        spaceId: t.spaceId,
        creatorId: t.creatorId,
        dateCreated: t.dateCreated,
        dateUpdated: t.dateUpdated,
        dateDone: t.dateDone,
        dateClosed: t.dateClosed,
        dueDate: t.dueDate,
        startDate: t.startDate,
        timeEstimate: t.timeEstimate,
        points: t.points,
        archived: t.archived,
        tags: sorted(t.tags),
        textContent: t.textContent,
        assignees: [...t.assigneeIds].sort((a, b) => a - b),
        watchers: [...t.watcherIds].sort((a, b) => a - b),
        extraLists: sorted(t.extraListIds),
      },
      {
        customId: r.custom_id,
        name: r.name,
        status: r.status,
        statusType: r.status_type,
        priority: r.priority,
        parentId: r.parent_id,
        topLevelParentId: r.top_level_parent_id,
        listId: r.list_id,
        folderId: r.folder_id,
        spaceId: r.space_id,
        creatorId: r.creator_id == null ? null : Number(r.creator_id),
        dateCreated: ms(r.date_created),
        dateUpdated: ms(r.date_updated),
        dateDone: ms(r.date_done),
        dateClosed: ms(r.date_closed),
        dueDate: ms(r.due_date),
        startDate: ms(r.start_date),
        timeEstimate: r.time_estimate == null ? null : Number(r.time_estimate),
        points: r.points == null ? null : Number(r.points),
        archived: r.archived,
        tags: sorted(r.tags as string[]),
        textContent: r.text_content,
        assignees: (r.assignee_ids as string[]).map(Number),
        watchers: (r.watcher_ids as string[]).map(Number),
        extraLists: r.extra_list_ids,
      },
    );
  }
  const edges: { task_id: string; depends_on: string }[] = await ds.query(`
    SELECT d.task_id, d.depends_on FROM task_dependencies d
    JOIN tasks a ON a.id = d.task_id AND a.deleted_at IS NULL JOIN tasks b ON b.id = d.depends_on AND b.deleted_at IS NULL`);
  const live = new Set(dump.tasks.map((t) => t.id));
  const expectedEdges = new Set(
    dump.tasks
      .flatMap((t) => t.dependencies)
      .filter((d) => live.has(d.taskId) && live.has(d.dependsOn))
      .map((d) => `${d.taskId}>${d.dependsOn}`),
  );
  cmp('dependency edges', [...expectedEdges].sort(), edges.map((e) => `${e.task_id}>${e.depends_on}`).sort());

  // Time entries
  if (opts.timeEntries !== false) {
    const entries: Record<string, unknown>[] = await ds.query(`SELECT * FROM time_entries WHERE deleted_at IS NULL`);
    const byId = new Map(entries.map((e) => [e.id as string, e]));
    const exp = dump.timeEntries;
    const miss = exp.filter((e) => !byId.has(e.id));
    const liveIds = new Set(exp.map((e) => e.id));
    const extraE = entries.filter((e) => !liveIds.has(e.id as string));
    if (miss.length)
      diffs.push(
        `time entries missing: ${miss.length} (${miss
          .slice(0, 5)
          .map((e) => e.id)
          .join(', ')})`,
      );
    if (extraE.length)
      diffs.push(
        `time entries live in the database but not in ClickUp: ${extraE.length} (${extraE
          .slice(0, 5)
          .map((e) => e.id)
          .join(', ')})`,
      );
    for (const e of exp) {
      const r = byId.get(e.id);
      if (!r) continue;
      cmp(
        `time entry ${e.id}`,
        {
          taskId: e.taskId,
          userId: e.userId,
          start: e.start,
          end: e.running ? null : e.end,
          duration: e.running ? null : e.duration,
          running: e.running,
          billable: e.billable,
          description: e.description,
          tags: sorted(e.tags),
        },
        {
          taskId: r.task_id,
          userId: Number(r.user_id),
          start: ms(r.start_at),
          end: ms(r.end_at),
          duration: r.duration_ms == null ? null : Number(r.duration_ms),
          running: r.running,
          billable: r.billable,
          description: r.description,
          tags: sorted(r.tags as string[]),
        },
      );
    }
  }
  return diffs;
}
