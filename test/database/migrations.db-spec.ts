import { DataSource } from 'typeorm';
import { createTestDatabase, TEST_ENGINES, TestDatabase } from '../support/test-database';
import { TaskEntity, TimeEntryEntity, TaskSnapshotEntity } from '../../src/database/entities';
import { MIGRATIONS } from '../../migrations';

const EXPECTED_TABLES = [
  'app_state',
  'data_changes',
  'folders',
  'lists',
  'members',
  'migrations',
  'open_work_counts',
  'open_work_people',
  'projects',
  'spaces',
  'sync_cursors',
  'sync_leases',
  'sync_runs',
  'task_assignees',
  'task_counts',
  'task_dependencies',
  'task_lists',
  'task_search',
  'task_snapshots',
  'task_time_totals',
  'task_watchers',
  'tasks',
  'time_entries',
  'time_entry_counts',
  'workspaces',
];

async function tables(ds: DataSource): Promise<string[]> {
  const rows: { table_name: string }[] = await ds.query(
    `SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' ORDER BY table_name`,
  );
  return rows.map((r) => r.table_name);
}

describe.each(TEST_ENGINES)('migrations on %s', (kind) => {
  let db: TestDatabase;
  let ds: DataSource;

  beforeAll(async () => {
    db = await createTestDatabase(kind, { migrated: false });
    ds = await db.dataSource();
  });
  afterAll(async () => db?.drop());

  it('apply from an empty database, agree with the entities, revert cleanly and re-apply', async () => {
    expect(await tables(ds)).toEqual([]);
    const applied = await ds.runMigrations({ transaction: 'each' });
    expect(applied.map((m) => m.name)).toHaveLength(MIGRATIONS.length);
    expect(await tables(ds)).toEqual(EXPECTED_TABLES);

    // Entities and migrations agree: the schema builder finds nothing to change.
    const pending = await ds.driver.createSchemaBuilder().log();
    expect(pending.upQueries.map((q) => q.query)).toEqual([]);

    for (let i = 0; i < MIGRATIONS.length; i++) await ds.undoLastMigration({ transaction: 'each' });
    expect(await tables(ds)).toEqual(['migrations']);
    await ds.runMigrations({ transaction: 'each' });
    expect(await tables(ds)).toEqual(EXPECTED_TABLES);
    expect(await ds.showMigrations()).toBe(false);
  });

  it('round-trips arrays, jsonb, bigint and timestamps with the declared types', async () => {
    const now = new Date('2026-11-20T10:11:12.345Z');
    await ds.getRepository(TaskEntity).insert({
      id: 'abc123',
      customId: 'MOB-1',
      workspaceId: '1',
      name: 'A task',
      textContent: null,
      description: null,
      status: 'in progress',
      statusType: 'custom',
      statusCategory: 'active',
      statusColor: '#fff',
      priority: 2,
      parentId: null,
      topLevelParentId: null,
      listId: '10',
      folderId: null,
      spaceId: '5',
      creatorId: 4484242,
      dateCreated: now,
      dateUpdated: now,
      dateDone: null,
      dateClosed: null,
      dueDate: null,
      startDate: null,
      timeEstimate: 7_200_000,
      points: 2.5,
      tags: ['a', 'b c'],
      customFields: [{ id: 'f', value: 1 }],
      customItemId: 0,
      archived: false,
      url: null,
      deletedAt: null,
      raw: { id: 'abc123' },
      syncedAt: now,
    });
    const t = await ds.getRepository(TaskEntity).findOneByOrFail({ id: 'abc123' });
    expect(t).toMatchObject({ creatorId: 4484242, timeEstimate: 7_200_000, points: 2.5, tags: ['a', 'b c'], priority: 2 });
    expect(t.dateCreated.toISOString()).toBe(now.toISOString());

    await ds.getRepository(TimeEntryEntity).insert({
      id: '2859994400527229584',
      workspaceId: '1',
      taskId: null,
      userId: 81234567,
      startAt: now,
      endAt: null,
      durationMs: null,
      running: true,
      billable: false,
      description: null,
      tags: [],
      source: 'clickup',
      modifiedAt: now,
      listId: null,
      folderId: null,
      spaceId: null,
      deletedAt: null,
      syncedAt: now,
    });
    const e = await ds.getRepository(TimeEntryEntity).findOneByOrFail({ id: '2859994400527229584' });
    expect(e).toMatchObject({ userId: 81234567, running: true, durationMs: null, tags: [] });

    await ds.getRepository(TaskSnapshotEntity).insert({
      snapshotDate: '2026-11-20',
      taskId: 'abc123',
      workspaceId: '1',
      listId: '10',
      spaceId: '5',
      parentId: null,
      status: 'in progress',
      statusType: 'custom',
      statusCategory: 'active',
      assigneeIds: [4484242, 7],
      timeEstimate: null,
      timeLoggedMs: 60_000,
      dueDate: null,
      archived: false,
    });
    const s = await ds.getRepository(TaskSnapshotEntity).findOneByOrFail({ taskId: 'abc123' });
    expect(s).toMatchObject({ snapshotDate: '2026-11-20', assigneeIds: [4484242, 7], timeLoggedMs: 60_000 });
  });
});
