import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

/**
 * `npm start`, `npm test` and the other scripts build only when a build input changed. Checked on
 * a copy of the script in a scratch project whose "nest build" only counts its calls.
 */
describe('scripts/build-if-stale.js', () => {
  let root: string;
  const builds = () => Number(fs.readFileSync(path.join(root, 'builds.txt'), 'utf8').trim() || '0');
  const run = (...args: string[]) => {
    const r = spawnSync(process.execPath, [path.join(root, 'scripts', 'build-if-stale.js'), ...args], { encoding: 'utf8' });
    return { code: r.status, stdout: r.stdout, stderr: r.stderr };
  };
  const write = (rel: string, text: string) => {
    fs.mkdirSync(path.dirname(path.join(root, rel)), { recursive: true });
    fs.writeFileSync(path.join(root, rel), text);
  };

  beforeAll(() => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'cu-build-'));
    fs.mkdirSync(path.join(root, 'scripts'));
    fs.copyFileSync(path.resolve(__dirname, '../../scripts/build-if-stale.js'), path.join(root, 'scripts', 'build-if-stale.js'));
    write('builds.txt', '0');
    // A stand-in for `nest build`: wipes dist/ as nest does (deleteOutDir), writes the entry, counts.
    write(
      'node_modules/@nestjs/cli/bin/nest.js',
      `
      const fs = require('fs'); const path = require('path');
      const root = process.cwd();
      fs.rmSync(path.join(root, 'dist'), { recursive: true, force: true });
      fs.mkdirSync(path.join(root, 'dist', 'src'), { recursive: true });
      fs.writeFileSync(path.join(root, 'dist', 'src', 'main.js'), '');
      const n = Number(fs.readFileSync(path.join(root, 'builds.txt'), 'utf8')) + 1;
      fs.writeFileSync(path.join(root, 'builds.txt'), String(n));
      console.log('compiled');
    `,
    );
    write('src/main.ts', 'export {};\n');
    write('src/a/b.ts', 'export const b = 1;\n');
    write('tsconfig.json', '{}\n');
  });
  afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

  it('builds the first time, then only when a source file is changed, added or removed — never on stdout', () => {
    let r = run();
    expect(r).toMatchObject({ code: 0, stdout: '' });
    expect(r.stderr).toContain('compiled');
    expect(builds()).toBe(1);

    expect(run()).toEqual({ code: 0, stdout: '', stderr: '' });
    expect(builds()).toBe(1);

    const later = new Date(Date.now() + 5000);
    fs.utimesSync(path.join(root, 'src/a/b.ts'), later, later);
    r = run();
    expect(r.stderr).toContain('Sources changed since the last build');
    expect(builds()).toBe(2);
    expect(run().stderr).toBe('');

    write('src/a/c.ts', 'export const c = 1;\n');
    run();
    expect(builds()).toBe(3);
    fs.rmSync(path.join(root, 'src/a/c.ts'));
    run();
    expect(builds()).toBe(4);

    write('tsconfig.json', '{ "compilerOptions": {} }\n');
    run();
    expect(builds()).toBe(5);
    expect(run().stderr).toBe('');
    expect(builds()).toBe(5);
  });

  it('--force always builds; a missing dist/ is rebuilt', () => {
    const before = builds();
    run('--force');
    expect(builds()).toBe(before + 1);
    fs.rmSync(path.join(root, 'dist', 'src', 'main.js'));
    run();
    expect(builds()).toBe(before + 2);
  });
});
