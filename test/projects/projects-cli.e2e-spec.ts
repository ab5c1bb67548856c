import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { distEntry, spawnNode } from '../support/node-process';

type Obj = Record<string, any>;

const FIXTURE = path.resolve(__dirname, '../fixtures/projects/project_map.json');

/**
 * `npm run projects` as an operator migrating from the original system runs it: the compiled CLI
 * against an embedded database that `npm run sync -- full` filled from the demo sandbox.
 */
describe('projects CLI', () => {
  let dir: string;
  const env = () => ({ PGLITE_DATA_DIR: path.join(dir, 'pg'), SANDBOX_SIZE: 'tiny', SANDBOX_RATE_LIMIT_PER_MINUTE: '0' });
  const run = async (args: string[]) => {
    const p = spawnNode(distEntry('projects/projects-cli.js'), args, env());
    const { code } = await p.exited;
    return { code, stdout: p.stdout, stderr: p.stderr };
  };

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'projects-cli-'));
    const sync = spawnNode(distEntry('sync/sync-cli.js'), ['full'], env());
    expect((await sync.exited).code).toBe(0);
  }, 120_000);
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('imports an original project_map.json, exports it, and re-imports the export without changes', async () => {
    const imported = await run(['import', FIXTURE]);
    expect([imported.code, imported.stderr]).toEqual([0, '']);
    expect(imported.stdout.split('\n')).toEqual(
      expect.arrayContaining([
        'Imported 5 aliases from a project_map.json: 0 unchanged, 0 conflicts, 1 unmatched, 1 unreadable.',
        '+ Website → folder Website (901520000006, matched by name)',
        "? Nidan.ai: no synced space 90161234567 'Homepath': it may be in another workspace or deleted. Map it with add_project.",
        '? team-view: clickup_type must be space, folder or list (got "workspace")',
      ]),
    );

    const out = await run(['export']);
    expect(out.code).toBe(0);
    const doc = JSON.parse(out.stdout) as Obj;
    expect(doc.projects.map((p: Obj) => p.alias)).toEqual(['campaigns', 'Hotfix queue', 'Mobile', 'OPS', 'Website']);

    const file = path.join(dir, 'aliases.json');
    expect((await run(['export', file])).stdout).toBe(`Wrote ${file}.\n`);
    const again = await run(['import', file]);
    expect([again.code, again.stdout.split('\n')[0]]).toEqual([
      0,
      'Imported 0 aliases from an export: 5 unchanged, 0 conflicts, 0 unmatched, 0 unreadable.',
    ]);
    const list = await run(['list']);
    expect(list.stdout).toContain('OPS → space Operations (901510000003)');
  }, 60_000);

  it('refuses bad input in one line with exit code 2', async () => {
    const missing = await run(['import', path.join(dir, 'nope.json')]);
    expect([missing.code, missing.stderr.trim()]).toEqual([2, `cannot read ${path.join(dir, 'nope.json')}: ENOENT`]);
    const junk = path.join(dir, 'junk.json');
    fs.writeFileSync(junk, '{"hello": "world"}');
    const bad = await run(['import', junk]);
    expect([bad.code, bad.stderr]).toEqual([2, expect.stringMatching(/^projects: Import data must be what export_mappings returns/)]);
    const none = await run([]);
    expect([none.code, none.stderr]).toEqual([2, expect.stringMatching(/^usage: npm run projects -- <command>/)]);
    expect((await run(['frobnicate'])).stderr).toMatch(/^unknown command 'frobnicate'/);
  }, 60_000);
});
