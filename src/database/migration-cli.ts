/* Runs or reverts migrations outside the server: `npm run migration:run` / `migration:revert`. */
import '../node-version-check';
import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { buildAppConfig } from '../config/app-config';
import { loadEnvFile } from '../config/env-file';
import { openDatabaseEngine } from './database-engine';

async function main(): Promise<void> {
  const action = process.argv[2];
  if (action !== 'run' && action !== 'revert') {
    process.stderr.write('usage: migration-cli run|revert\n');
    process.exit(2);
  }
  // The same .env rules as the server: existing variables win, an unreadable file is an error.
  const file = loadEnvFile();
  const cfg = buildAppConfig(process.env);
  process.stderr.write(
    `Configuration: ${file.path ?? `no .env in ${process.cwd()} (environment and defaults)`}; database: ` +
      `${cfg.database.url ? 'PostgreSQL from DATABASE_URL' : `embedded PGlite in ${cfg.database.pgliteDataDir}`}\n`,
  );
  const engine = await openDatabaseEngine({ ...cfg.database, runMigrations: false, role: 'migration-cli' });
  const ds = new DataSource(engine.options);
  try {
    await ds.initialize();
    if (action === 'run') {
      const done = await ds.runMigrations({ transaction: 'each' });
      process.stdout.write(done.length ? `Applied: ${done.map((m) => m.name).join(', ')}\n` : 'Nothing to apply.\n');
    } else {
      await ds.undoLastMigration({ transaction: 'each' });
      process.stdout.write('Reverted the last migration.\n');
    }
  } finally {
    if (ds.isInitialized) await ds.destroy();
    await engine.dispose();
  }
}

main().catch((e: Error) => {
  process.stderr.write(`${e.message}\n`);
  process.exit(1);
});
