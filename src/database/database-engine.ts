import * as fs from 'node:fs';
import * as path from 'node:path';
import { PGlite, PGliteOptions } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { createPgConfig } from '@electric-sql/pglite/node-postgres';
import { DataSourceOptions } from 'typeorm';
import { ENTITIES } from './entities';
import { MIGRATIONS } from '../../migrations';
import { SnakeNamingStrategy } from './snake-naming.strategy';
import { acquireDataDirLock } from './data-dir-lock';

export interface DatabaseSettings {
  url?: string;
  pgliteDataDir: string;
  runMigrations: boolean;
  poolSize: number;
  /** 'server' | 'stdio' | 'cli' …: shown to a process refused by the lock. */
  role?: string;
  /** Tests: an already-open PGlite instance (e.g. loaded from a template) instead of a directory. */
  pglite?: PGlite;
}

export interface DatabaseEngine {
  kind: 'postgres' | 'pglite';
  options: DataSourceOptions;
  /** Releases what the engine holds (PGlite instance, data-dir lock). Call after DataSource.destroy(). */
  dispose(): Promise<void>;
}

const common = {
  type: 'postgres' as const,
  entities: ENTITIES,
  migrations: MIGRATIONS,
  migrationsTableName: 'migrations',
  namingStrategy: new SnakeNamingStrategy(),
  synchronize: false,
  logging: false as const,
};

/**
 * Every PGlite the app opens (data directory, tests, docs) loads the same extensions, so the
 * migrations build the same schema as on a PostgreSQL server: pg_trgm backs keyword search.
 */
export function createPglite(dataDir?: string, options: Omit<PGliteOptions, 'extensions'> = {}): Promise<PGlite> {
  return PGlite.create(dataDir, { ...options, extensions: { pg_trgm } });
}

/** PostgreSQL when a URL is configured; otherwise embedded PGlite in a locked data directory. */
export async function openDatabaseEngine(s: DatabaseSettings): Promise<DatabaseEngine> {
  if (s.url) {
    return {
      kind: 'postgres',
      options: {
        ...common,
        url: s.url,
        migrationsRun: s.runMigrations,
        poolSize: s.poolSize,
        // JIT compiles a query for 20–70 ms when its estimated cost is high; the app's statements
        // run in milliseconds, and a JIT pass in the request path is pure loss (docs/benchmarks.md).
        extra: { connectionTimeoutMillis: 10_000, application_name: 'clickup-analytics-mcp', options: '-c jit=off' },
      },
      dispose: async () => undefined,
    };
  }
  let release: () => void = () => undefined;
  let pglite: PGlite | undefined = s.pglite;
  if (!pglite) {
    release = acquireDataDirLock(s.pgliteDataDir, s.role);
    try {
      fs.mkdirSync(path.resolve(s.pgliteDataDir), { recursive: true });
      pglite = await createPglite(path.resolve(s.pgliteDataDir));
    } catch (e) {
      release();
      throw e;
    }
  }
  const pg = createPgConfig(pglite as PGlite);
  const owned = !s.pglite;
  const instance = pglite as PGlite;
  return {
    kind: 'pglite',
    options: {
      ...common,
      host: pg.host,
      port: pg.port,
      username: pg.user,
      password: pg.password,
      database: pg.database,
      migrationsRun: s.runMigrations,
      // PGlite is one session: a pool of one, never recycled, so transactions never interleave.
      poolSize: 1,
      extra: { connection: pg.connection, connectionTimeoutMillis: 30_000, idleTimeoutMillis: 0 },
    },
    dispose: async () => {
      if (owned && !instance.closed) await instance.close();
      release();
    },
  };
}
