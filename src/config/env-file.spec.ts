import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { EnvFileError, loadEnvFile } from './env-file';

describe('loadEnvFile', () => {
  let dir: string;
  beforeEach(() => (dir = fs.mkdtempSync(path.join(os.tmpdir(), 'envfile-'))));
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('a missing .env is normal: nothing applied, and it says where it looked', () => {
    const target: NodeJS.ProcessEnv = {};
    expect(loadEnvFile(path.join(dir, '.env'), target)).toEqual({ path: null, lookedFor: path.join(dir, '.env'), applied: 0 });
    expect(target).toEqual({});
  });

  it('reads the file; variables already set win', () => {
    fs.writeFileSync(
      path.join(dir, '.env'),
      'PORT=9000\n# comment\nHOST=0.0.0.0\nSTATUS_CATEGORY_OVERRIDES={"PARKED":"not_started"}\nSYNC_RECONCILE_CRON=0 3 * * *\n',
    );
    const target: NodeJS.ProcessEnv = { HOST: '127.0.0.1' };
    const r = loadEnvFile(path.join(dir, '.env'), target);
    expect(r).toMatchObject({ path: path.join(dir, '.env'), applied: 3 });
    expect(target).toEqual({
      HOST: '127.0.0.1',
      PORT: '9000',
      STATUS_CATEGORY_OVERRIDES: '{"PARKED":"not_started"}',
      SYNC_RECONCILE_CRON: '0 3 * * *',
    });
  });

  it('an unreadable .env is an error naming the file and what to do', () => {
    fs.mkdirSync(path.join(dir, '.env'));
    expect(() => loadEnvFile(path.join(dir, '.env'), {})).toThrow(EnvFileError);
    expect(() => loadEnvFile(path.join(dir, '.env'), {})).toThrow(`${path.join(dir, '.env')} exists but cannot be read (it is a directory)`);
  });
});
