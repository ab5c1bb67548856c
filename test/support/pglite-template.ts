import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { PGlite } from '@electric-sql/pglite';
import { DataSource } from 'typeorm';
import { createPglite, openDatabaseEngine } from '../../src/database/database-engine';

/**
 * A fresh PGlite costs ~3 s (initdb); loading a dumped data directory ~0.6 s. Jest's global
 * setup builds two templates once per run — empty, and with every migration applied — keyed by
 * a hash of the migrations so a new migration rebuilds them.
 */
export const TEMPLATE_DIR = path.join(os.tmpdir(), 'clickup-analytics-mcp-test-templates');

function migrationsHash(): string {
  const dir = path.resolve(__dirname, '../../migrations');
  const h = crypto.createHash('sha256');
  for (const f of fs.readdirSync(dir).sort()) h.update(f).update(fs.readFileSync(path.join(dir, f)));
  return h.digest('hex').slice(0, 16);
}

export function templatePath(kind: 'empty' | 'migrated'): string {
  return path.join(TEMPLATE_DIR, `${kind}-${kind === 'empty' ? 'v1' : migrationsHash()}.tar.gz`);
}

export async function buildTemplates(): Promise<void> {
  fs.mkdirSync(TEMPLATE_DIR, { recursive: true });
  const emptyPath = templatePath('empty');
  const migratedPath = templatePath('migrated');
  if (fs.existsSync(emptyPath) && fs.existsSync(migratedPath)) return;
  const pglite = await createPglite();
  await writeAtomically(emptyPath, await pglite.dumpDataDir('gzip'));
  const engine = await openDatabaseEngine({ pgliteDataDir: '', runMigrations: true, poolSize: 1, pglite });
  const ds = new DataSource(engine.options);
  await ds.initialize();
  await ds.destroy();
  await writeAtomically(migratedPath, await pglite.dumpDataDir('gzip'));
  await pglite.close();
}

async function writeAtomically(file: string, blob: Blob): Promise<void> {
  const tmp = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(tmp, Buffer.from(await blob.arrayBuffer()));
  fs.renameSync(tmp, file);
}

export async function openPgliteFromTemplate(kind: 'empty' | 'migrated'): Promise<PGlite> {
  const file = templatePath(kind);
  if (!fs.existsSync(file)) await buildTemplates();
  const blob = new Blob([fs.readFileSync(file)]);
  return createPglite(undefined, { loadDataDir: blob });
}
