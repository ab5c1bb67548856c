import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

export class DataDirLockedError extends Error {
  constructor(dataDir: string, holder: LockInfo) {
    super(
      `The embedded database directory ${dataDir} is in use by process ${holder.pid}` +
        `${holder.hostname ? ` on ${holder.hostname}` : ''} (started ${holder.startedAt}, ${holder.role}). ` +
        'Two processes on one PGlite directory silently lose writes, so this one refuses to start. ' +
        'Stop the other process, point both at one PostgreSQL server with DATABASE_URL, ' +
        'or give this one its own PGLITE_DATA_DIR.',
    );
    this.name = 'DataDirLockedError';
  }
}

interface LockInfo {
  pid: number;
  hostname: string;
  startedAt: string;
  role: string;
}

/** Directories this process holds: a second open in the same process is refused too. */
const heldHere = new Set<string>();

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    // EPERM: the process exists but belongs to someone else.
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * A PID lockfile next to the PGlite data directory. Created atomically (O_EXCL); a lock left by
 * a dead process (crash, kill -9) is taken over. Returns the release function.
 */
export function acquireDataDirLock(dataDir: string, role = 'server'): () => void {
  const dir = path.resolve(dataDir);
  fs.mkdirSync(path.dirname(dir), { recursive: true });
  const lockPath = `${dir}.lock`;
  if (heldHere.has(dir)) {
    throw new DataDirLockedError(dataDir, readLock(lockPath) ?? { pid: process.pid, hostname: os.hostname(), startedAt: '?', role });
  }
  const info: LockInfo = { pid: process.pid, hostname: os.hostname(), startedAt: new Date().toISOString(), role };
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      const fd = fs.openSync(lockPath, 'wx');
      fs.writeSync(fd, JSON.stringify(info));
      fs.closeSync(fd);
      heldHere.add(dir);
      let released = false;
      return () => {
        if (released) return;
        released = true;
        heldHere.delete(dir);
        const current = readLock(lockPath);
        if (current && current.pid === process.pid) fs.rmSync(lockPath, { force: true });
      };
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
      const holder = readLock(lockPath);
      const sameHost = !holder || holder.hostname === os.hostname();
      if (holder && sameHost && holder.pid !== process.pid && isAlive(holder.pid)) {
        throw new DataDirLockedError(dataDir, holder);
      }
      if (holder && !sameHost) throw new DataDirLockedError(dataDir, holder);
      // Stale (dead pid, our own pid from a previous life, or unreadable): take it over.
      fs.rmSync(lockPath, { force: true });
    }
  }
  throw new Error(`Could not acquire the lock ${lockPath}; another process keeps racing for it.`);
}

function readLock(lockPath: string): LockInfo | null {
  try {
    const parsed = JSON.parse(fs.readFileSync(lockPath, 'utf8')) as LockInfo;
    return typeof parsed.pid === 'number' ? parsed : null;
  } catch {
    return null;
  }
}
