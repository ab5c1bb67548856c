import { DataSource } from 'typeorm';
import { createTestDatabase, TEST_ENGINES, TestDatabase } from '../support/test-database';

/**
 * The triggers that keep each time entry's home (the list/folder/space its task is in now, and
 * whether the task still exists) true whoever writes: entries written before or after their
 * task, tasks moved, deleted and restored, entries without a task, folderless lists.
 */
describe.each(TEST_ENGINES)('time entry home on %s', (kind) => {
  let db: TestDatabase;
  let ds: DataSource;
  const now = new Date('2026-11-25T10:00:00Z');

  const list = (id: string, space: string, folder: string | null) =>
    ds.query(`INSERT INTO lists (id, workspace_id, space_id, folder_id, name, synced_at) VALUES ($1, 'w', $2, $3, $4, $5)`, [
      id,
      space,
      folder,
      id,
      now,
    ]);
  const task = (id: string, listId: string, folder: string | null, space: string) =>
    ds.query(
      `INSERT INTO tasks (id, workspace_id, name, status, status_type, status_category, list_id, folder_id, space_id, date_created, date_updated, synced_at)
       VALUES ($1, 'w', $6, 'open', 'open', 'not_started', $2, $3, $4, $5, $5, $5)
       ON CONFLICT (id) DO UPDATE SET list_id = EXCLUDED.list_id, folder_id = EXCLUDED.folder_id, space_id = EXCLUDED.space_id`,
      [id, listId, folder, space, now, id],
    );
  const entry = (id: string, taskId: string | null, clickupList: string | null, clickupSpace: string | null) =>
    ds.query(
      `INSERT INTO time_entries (id, workspace_id, task_id, user_id, start_at, end_at, duration_ms, list_id, folder_id, space_id, synced_at)
       VALUES ($1, 'w', $2, 1, $5, $5, 0, $3, 'hidden-folder', $4, $5)
       ON CONFLICT (id) DO UPDATE SET task_id = EXCLUDED.task_id, list_id = EXCLUDED.list_id, space_id = EXCLUDED.space_id`,
      [id, taskId, clickupList, clickupSpace, now],
    );
  const home = async (id: string) => {
    const [r] = await ds.query(`SELECT home_list_id, home_folder_id, home_space_id, task_live FROM time_entries WHERE id = $1`, [id]);
    return [r.home_list_id, r.home_folder_id, r.home_space_id, r.task_live];
  };

  beforeAll(async () => {
    db = await createTestDatabase(kind);
    ds = await db.dataSource();
    await list('L1', 'S1', 'F1');
    await list('L2', 'S2', null);
  });
  afterAll(async () => db?.drop());

  it("an entry takes its task's home; without a task it has none", async () => {
    await task('T1', 'L1', 'F1', 'S1');
    await entry('E1', 'T1', 'stale-list', 'stale-space');
    expect(await home('E1')).toEqual(['L1', 'F1', 'S1', true]);
    await entry('E0', null, null, null);
    expect(await home('E0')).toEqual([null, null, null, true]);
  });

  it('before its task is synced, an entry uses where ClickUp said it lived (folder from the synced list), then follows the task', async () => {
    await entry('E2', 'T2', 'L2', 'S2');
    // ClickUp reports a hidden folder for folderless lists: the synced list says there is none.
    expect(await home('E2')).toEqual(['L2', null, 'S2', true]);
    await entry('E3', 'T3', 'L-unknown', 'S9');
    expect(await home('E3')).toEqual(['L-unknown', null, 'S9', true]);
    await task('T2', 'L1', 'F1', 'S1');
    expect(await home('E2')).toEqual(['L1', 'F1', 'S1', true]);
  });

  it('entries follow a moved task, a deleted one and a restored one', async () => {
    await task('T1', 'L2', null, 'S2');
    expect(await home('E1')).toEqual(['L2', null, 'S2', true]);
    await ds.query(`UPDATE tasks SET deleted_at = $2 WHERE id = $1`, ['T1', now]);
    expect(await home('E1')).toEqual(['L2', null, 'S2', false]);
    await ds.query(`UPDATE tasks SET deleted_at = NULL WHERE id = $1`, ['T1']);
    expect(await home('E1')).toEqual(['L2', null, 'S2', true]);
  });

  it('re-writing an entry (the sync upserts) keeps its home, and moving it to another task follows that task', async () => {
    await entry('E1', 'T1', 'stale-list', 'stale-space');
    expect(await home('E1')).toEqual(['L2', null, 'S2', true]);
    await entry('E1', 'T2', null, null);
    expect(await home('E1')).toEqual(['L1', 'F1', 'S1', true]);
  });
});
