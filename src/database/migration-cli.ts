/* Runs or reverts migrations outside the server: `npm run migration:run` / `migration:revert`. */
import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { buildAppConfig } from '../config/app-config';
import { openDatabaseEngine } from './database-engine';

async function main(): Promise<void> {
  const action = process.argv[2];
  if (action !== 'run' && action !== 'revert') {
    process.stderr.write('usage: migration-cli run|revert\n');
    process.exit(2);
  }
  // Loading .env here mirrors @nestjs/config (existing variables win).
  try {
    process.loadEnvFile('.env');
  } catch {
    /* no .env file: fine */
  }
  const cfg = buildAppConfig(process.env);
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
