import { spawn, ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { acquireDataDirLock, DataDirLockedError } from './data-dir-lock';

describe('acquireDataDirLock', () => {
  let dir: string;
  let child: ChildProcess | undefined;

  beforeEach(() => {
    dir = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'lock-')), 'pglite');
  });
  afterEach(() => {
    child?.kill('SIGKILL');
    child = undefined;
  });

  it('refuses a second holder in the same process and frees the directory on release', () => {
    const release = acquireDataDirLock(dir);
    expect(() => acquireDataDirLock(dir)).toThrow(DataDirLockedError);
    release();
    const again = acquireDataDirLock(dir);
    again();
    expect(fs.existsSync(`${dir}.lock`)).toBe(false);
  });

  it('refuses while another live process holds it, naming the process and what to do', async () => {
    child = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 60000)'], { stdio: 'ignore' });
    await new Promise((r) => child!.once('spawn', r));
    fs.writeFileSync(`${dir}.lock`, JSON.stringify({ pid: child.pid, hostname: os.hostname(), startedAt: '2026-11-22T00:00:00Z', role: 'stdio' }));
    let err: Error | undefined;
    try {
      acquireDataDirLock(dir);
    } catch (e) {
      err = e as Error;
    }
    expect(err).toBeInstanceOf(DataDirLockedError);
    expect(err!.message).toContain(`in use by process ${child.pid}`);
    expect(err!.message).toContain('DATABASE_URL');
    expect(err!.message).toContain('PGLITE_DATA_DIR');
  });

  it('takes over a stale lock left by a dead process', async () => {
    child = spawn(process.execPath, ['-e', '0'], { stdio: 'ignore' });
    const pid = child.pid;
    await new Promise((r) => child!.once('exit', r));
    fs.writeFileSync(`${dir}.lock`, JSON.stringify({ pid, hostname: os.hostname(), startedAt: 'x', role: 'server' }));
    const release = acquireDataDirLock(dir);
    expect(JSON.parse(fs.readFileSync(`${dir}.lock`, 'utf8')).pid).toBe(process.pid);
    release();
  });

  it('takes over an unreadable lock file', () => {
    fs.mkdirSync(path.dirname(dir), { recursive: true });
    fs.writeFileSync(`${dir}.lock`, 'garbage');
    const release = acquireDataDirLock(dir);
    release();
  });
});
