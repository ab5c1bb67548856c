import { Client } from 'pg';
import type { PGlite } from '@electric-sql/pglite';
import { DataSource } from 'typeorm';
import { openDatabaseEngine, DatabaseEngine } from '../../src/database/database-engine';
import { openPgliteFromTemplate } from './pglite-template';

export type EngineKind = 'pglite' | 'postgres';

/**
 * The engines the database suites run on: PGlite always (so `npm test` passes on a fresh
 * machine), and the PostgreSQL server too when TEST_DATABASE_URL is set (CI sets it).
 */
export const TEST_ENGINES: EngineKind[] = process.env.TEST_DATABASE_URL ? ['pglite', 'postgres'] : ['pglite'];

export interface TestDatabase {
  kind: EngineKind;
  /** For PGlite: the open instance, to hand to AppModule/DatabaseModule. */
  pglite?: PGlite;
  /** For PostgreSQL: the URL of a database created for this test only. */
  url?: string;
  /** Environment overrides that make the app use this database. */
  env: Record<string, string | undefined>;
  /** Opens a DataSource on it (migrations already applied when created with migrated=true). */
  dataSource(): Promise<DataSource>;
  drop(): Promise<void>;
}

let counter = 0;

export async function createTestDatabase(kind: EngineKind, opts: { migrated?: boolean } = {}): Promise<TestDatabase> {
  const migrated = opts.migrated ?? true;
  const opened: { ds: DataSource; engine: DatabaseEngine }[] = [];
  const open = async (settings: Parameters<typeof openDatabaseEngine>[0]) => {
    const engine = await openDatabaseEngine(settings);
    const ds = new DataSource(engine.options);
    await ds.initialize();
    opened.push({ ds, engine });
    return ds;
  };
  const closeAll = async () => {
    for (const { ds, engine } of opened.splice(0)) {
      if (ds.isInitialized) await ds.destroy();
      await engine.dispose();
    }
  };

  if (kind === 'pglite') {
    const pglite = await openPgliteFromTemplate(migrated ? 'migrated' : 'empty');
    return {
      kind,
      pglite,
      env: { DATABASE_URL: undefined },
      dataSource: () => open({ pgliteDataDir: '', runMigrations: false, poolSize: 1, pglite }),
      drop: async () => {
        await closeAll();
        if (!pglite.closed) await pglite.close();
      },
    };
  }

  const adminUrl = process.env.TEST_DATABASE_URL;
  if (!adminUrl) throw new Error('TEST_DATABASE_URL is not set');
  const name = `cu_test_${process.pid}_${Date.now().toString(36)}_${counter++}`;
  const admin = new Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE "${name}"`);
  await admin.end();
  const u = new URL(adminUrl);
  u.pathname = `/${name}`;
  const url = u.toString();
  if (migrated) {
    const ds = await open({ url, pgliteDataDir: '', runMigrations: true, poolSize: 2 });
    await ds.destroy();
    opened.pop();
  }
  return {
    kind,
    url,
    env: { DATABASE_URL: url },
    dataSource: () => open({ url, pgliteDataDir: '', runMigrations: false, poolSize: 4 }),
    drop: async () => {
      await closeAll();
      const c = new Client({ connectionString: adminUrl });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      await c.end();
    },
  };
}
