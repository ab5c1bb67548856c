import { AppConfig } from '../config/app-config';
import { SyncRunEntity } from '../database/entities';
import { RunFinishedListener, SyncRunnerService } from '../sync/sync-runner.service';
import { HierarchyQueryRepository, ListBase, SpaceBase } from './hierarchy-query.repository';
import { HierarchyService } from './hierarchy.service';
import { CacheRegistry } from '../common/cache/cache-registry';
import { ProjectRegistryRepository } from './project-registry.repository';

/** A repository whose hierarchy reads can be held open, to see who waits on a reload. */
class FakeRepo {
  spaceName = 'Alpha';
  loads = 0;
  finishedAt = 1;
  private gate: Promise<void> | null = null;
  private open: (() => void) | null = null;

  hold(): void {
    this.gate = new Promise((r) => (this.open = r));
  }
  release(): void {
    this.open?.();
    this.gate = null;
  }

  async workspaces() {
    return [{ id: 'w', name: 'W', color: null, plan: null, memberCount: 1 }];
  }
  async allSpaces(): Promise<SpaceBase[]> {
    this.loads++;
    const name = this.spaceName;
    if (this.gate) await this.gate;
    return [{ id: 's1', workspaceId: 'w', name, private: false, archived: false, statuses: [], features: {} }];
  }
  async allFolders() {
    return [];
  }
  async allLists(): Promise<ListBase[]> {
    return [
      {
        id: 'l1',
        workspaceId: 'w',
        name: 'List',
        spaceId: 's1',
        spaceName: 'Alpha',
        folderId: null,
        folderName: null,
        archived: false,
        statuses: [],
        statusesSource: 'space',
        statusesSourceId: null,
      },
    ];
  }
  async allMembers() {
    return [{ workspaceId: 'w', id: 7, username: 'ana', email: 'ana@x.io', role: 3, roleKey: 'member', status: 'active' }];
  }
  counts = '[["l1", "active", false, 3]]';
  /** Version checks, and full reads of the counts among them. */
  countChecks = 0;
  countReads = 0;
  async listCountsText(): Promise<string> {
    return this.counts;
  }
  async listCountsIfChanged(_ws: string, known: string | null) {
    this.countChecks++;
    if (known === this.counts) return { version: this.counts, counts: null };
    this.countReads++;
    return { version: this.counts, counts: this.counts };
  }
  async lastRunFinishedAt() {
    return this.finishedAt;
  }
}

function setup() {
  const repo = new FakeRepo();
  let listener: RunFinishedListener = () => undefined;
  const runner = { onFinished: (l: RunFinishedListener) => ((listener = l), () => undefined) } as unknown as SyncRunnerService;
  const cfg = { clickup: { workspaceId: undefined }, reports: { statusOverrides: {} } } as unknown as AppConfig;
  const registry = { aliases: async () => [] } as unknown as ProjectRegistryRepository;
  const svc = new HierarchyService(cfg, repo as unknown as HierarchyQueryRepository, runner, registry, new CacheRegistry());
  svc.onModuleInit();
  return { repo, svc, finish: () => listener({ id: 1 } as SyncRunEntity) };
}

const tick = () => new Promise((r) => setImmediate(r));

describe('HierarchyService snapshot', () => {
  it('loads once at start; requests then answer from memory', async () => {
    const { repo, svc } = setup();
    await svc.onApplicationBootstrap();
    await Promise.all(Array.from({ length: 50 }, () => svc.space('w', 'alpha')));
    expect(repo.loads).toBe(1);
  });

  it('a finished run reloads before the run reports done; meanwhile requests answer from the previous snapshot without waiting', async () => {
    const { repo, svc, finish } = setup();
    await svc.onApplicationBootstrap();
    repo.spaceName = 'Beta';
    repo.hold();
    const done = finish();
    await tick();
    // The reload is held open: 50 requests still answer at once, from the old snapshot.
    const answers = await Promise.all(Array.from({ length: 50 }, () => svc.space('w', 's1')));
    expect(answers.every((s) => s.name === 'Alpha')).toBe(true);
    expect(repo.loads).toBe(2);
    repo.release();
    await done;
    expect((await svc.space('w', 's1')).name).toBe('Beta');
  });

  it('reloads are single-flight; one asked for during a load runs once more after it, never lost', async () => {
    const { repo, svc, finish } = setup();
    await svc.onApplicationBootstrap();
    repo.hold();
    const first = finish();
    await tick();
    repo.spaceName = 'Gamma';
    const second = finish();
    const third = finish();
    await tick();
    expect(repo.loads).toBe(2);
    repo.release();
    await Promise.all([first, second, third]);
    expect(repo.loads).toBe(3);
    expect((await svc.space('w', 's1')).name).toBe('Gamma');
  });

  it("notices another process's finished run through a background probe", async () => {
    const { repo, svc } = setup();
    await svc.onApplicationBootstrap();
    repo.spaceName = 'Delta';
    repo.finishedAt = 2;
    // The probe is paced on the monotonic clock: move it past the pause between probes.
    const spy = jest.spyOn(performance, 'now').mockReturnValue(performance.now() + 60_000);
    try {
      // The request that notices answers at once from what it has; the reload follows in the background.
      expect((await svc.space('w', 's1')).name).toBe('Alpha');
      let name = 'Alpha';
      for (let i = 0; i < 20 && name !== 'Delta'; i++) {
        await tick();
        name = (await svc.space('w', 's1')).name;
      }
      expect(name).toBe('Delta');
      expect(repo.loads).toBe(2);
    } finally {
      spy.mockRestore();
    }
  });

  it('counts from task_counts: rule 4 applied, fresh per listing', async () => {
    const { svc } = setup();
    await svc.onApplicationBootstrap();
    const [space] = await svc.spaces('w', false);
    expect([space.listCount, space.taskCount, space.folderCount]).toEqual([1, 3, 0]);
    expect((await svc.lists('w', { listId: 'l1' }, true, false))[0].byCategory).toEqual({ active: 3 });
  });

  it('checks the counts version on every listing; reads and counts again only when it or the snapshot moved', async () => {
    const { repo, svc, finish } = setup();
    await svc.onApplicationBootstrap();
    const a = await svc.countedNow('w', false);
    const b = await svc.countedNow('w', false);
    expect(b).toBe(a);
    // The version is checked on every listing, never skipped; the counts are read once.
    expect([repo.countChecks, repo.countReads]).toEqual([3, 1]);
    // Frozen: a caller sorting in place would corrupt every later answer.
    expect(() => (a.lists as unknown[]).push({})).toThrow(TypeError);
    // A write lands (any process): the next listing counts it.
    repo.counts = '[["l1", "active", false, 3], ["l1", "done", false, 2]]';
    const c = await svc.countedNow('w', false);
    expect(c).not.toBe(a);
    expect(c.spaces[0].taskCount).toBe(5);
    expect(c.lists[0].byCategory).toEqual({ active: 3, done: 2 });
    // Archived tasks are counted only when asked for: a separate result.
    repo.counts = '[["l1", "active", false, 3], ["l1", "done", true, 4]]';
    expect((await svc.countedNow('w', false)).spaces[0].taskCount).toBe(3);
    expect((await svc.countedNow('w', true)).spaces[0].taskCount).toBe(7);
    // Callers of one turn (a listing needing folders and lists, concurrent requests) share one check.
    const before = repo.countChecks;
    await Promise.all([svc.countedNow('w', false), svc.countedNow('w', false), svc.spaces('w', false)]);
    expect(repo.countChecks).toBe(before + 1);
    await new Promise((r) => setImmediate(r));
    await svc.countedNow('w', false);
    expect(repo.countChecks).toBe(before + 2);
    // Same counts, new snapshot (a renamed space): counted again from the new structure.
    repo.spaceName = 'Renamed';
    await finish();
    expect((await svc.countedNow('w', false)).spaces[0].name).toBe('Renamed');
  });
});
