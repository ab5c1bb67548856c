import { SandboxStore } from '../sandbox-store';
import { GENERATOR_SIZES, resolveGeneratorSize } from './generator-size';
import { generateSandboxState } from './sandbox.generator';

const NOW = Date.UTC(2026, 2, 18, 15, 30);
const DAY = 86_400_000;
const OVERRIDE_NAMES = new Set([
  'BACKLOG',
  'QUEUED',
  'QUEUE',
  'IN QUEUE',
  'TO DO',
  'TO-DO',
  'PENDING',
  'OPEN',
  'IN PLANNING',
  'SCOPING',
  'IN DESIGN',
  'DEV',
  'IN DEVELOPMENT',
  'DEVELOPMENT',
  'REVIEW',
  'IN REVIEW',
  'TESTING',
  'QA',
  'BUG',
  'BLOCKED',
  'WAITING',
  'STAGING DEPLOY',
  'READY FOR DEVELOPMENT',
  'READY FOR PRODUCTION',
  'IN PROGRESS',
  'ON HOLD',
  'SHIPPED',
  'RELEASE',
  'COMPLETE',
  'DONE',
  'RESOLVED',
  'PROD',
  'QC CHECK',
  'CANCELLED',
  'CLOSED',
]);

describe('sandbox generator', () => {
  const store = SandboxStore.generate({ size: 'tiny', seed: 42, now: NOW });
  const dump = store.dump();
  const tasks = dump.tasks;
  const byId = new Map(tasks.map((t) => [t.id, t]));

  it('is deterministic: same seed, size and now give the same dump; another seed does not', () => {
    expect(SandboxStore.generate({ size: 'tiny', seed: 42, now: NOW }).dump()).toEqual(dump);
    expect(SandboxStore.generate({ size: 'tiny', seed: 43, now: NOW }).dump()).not.toEqual(dump);
  });

  it('never calls Math.random', () => {
    const spy = jest.spyOn(Math, 'random').mockImplementation(() => {
      throw new Error('Math.random used in data generation');
    });
    try {
      expect(() => generateSandboxState({ size: 'tiny', seed: 1, now: NOW })).not.toThrow();
    } finally {
      spy.mockRestore();
    }
  });

  it('hits the tiny size: 60 tasks and 300 time entries', () => {
    expect(tasks).toHaveLength(60);
    expect(dump.timeEntries).toHaveLength(300);
    expect(resolveGeneratorSize('demo')).toEqual(GENERATOR_SIZES.demo);
    expect(() => resolveGeneratorSize('huge' as never)).toThrow();
  });

  it('has one owner, admins, members, a guest and a pending invitee with a null username', () => {
    const roles = dump.members.map((m) => m.role);
    expect(roles.filter((r) => r === 1)).toHaveLength(1);
    expect(new Set(roles)).toEqual(new Set([1, 2, 3, 4]));
    const invitee = dump.members.find((m) => m.status === 'invited')!;
    expect(invitee.username).toBeNull();
    expect(invitee.dateJoined).toBeNull();
    expect(() => store.tokenFor(invitee.id)).toThrow();
    expect(store.ownerToken).toMatch(/^pk_\d+_[A-Z0-9]{32}$/);
  });

  it('builds the hierarchy: status sets from the override table, overrides, archived list, folder and space', () => {
    for (const s of dump.spaces) {
      expect(s.statuses[0].type).toBe('open');
      expect(s.statuses[s.statuses.length - 1].type).toBe('closed');
    }
    const allStatuses = [
      ...dump.spaces.flatMap((s) => s.statuses),
      ...dump.folders.flatMap((f) => f.statuses ?? []),
      ...dump.lists.flatMap((l) => l.statuses ?? []),
    ];
    const named = allStatuses.filter((s) => OVERRIDE_NAMES.has(s.status.toUpperCase()));
    expect(named.length).toBeGreaterThan(allStatuses.length * 0.9);
    expect(new Set(allStatuses.map((s) => s.type))).toEqual(new Set(['open', 'custom', 'done', 'closed']));
    expect(dump.lists.some((l) => l.overrideStatuses && l.effectiveStatusSource === 'list')).toBe(true);
    expect(dump.folders.some((f) => f.overrideStatuses)).toBe(true);
    expect(dump.lists.some((l) => l.effectiveStatusSource === 'folder')).toBe(true);
    expect(dump.lists.some((l) => l.folderId === null)).toBe(true);
    const archivedList = dump.lists.find((l) => l.archived)!;
    expect(tasks.some((t) => t.listId === archivedList.id)).toBe(true);
    expect(dump.folders.some((f) => f.archived)).toBe(true);
    expect(dump.spaces.some((s) => s.archived)).toBe(true);
    expect(dump.spaces.some((s) => s.private)).toBe(true);
  });

  it('plants the task cases reports and syncs must survive', () => {
    const depth = (id: string | null): number => (id ? 1 + depth(byId.get(id)!.parentId) : -1);
    expect(Math.max(...tasks.map((t) => depth(t.id)))).toBeGreaterThanOrEqual(3);
    expect(tasks.some((t) => t.parentId && byId.get(t.parentId)!.listId !== t.listId)).toBe(true);
    expect(tasks.some((t) => t.extraListIds.length > 0)).toBe(true);
    expect(tasks.some((t) => /^[A-Z]+-\d+$/.test(t.customId ?? ''))).toBe(true);
    expect(tasks.some((t) => t.customId === null)).toBe(true);
    expect(new Set(tasks.map((t) => t.priority))).toEqual(new Set([1, 2, 3, 4, null]));
    expect(tasks.some((t) => t.timeEstimate === null) && tasks.some((t) => t.timeEstimate !== null)).toBe(true);
    expect(tasks.some((t) => t.points !== null)).toBe(true);
    expect(tasks.some((t) => t.tags.length > 0)).toBe(true);
    expect(tasks.some((t) => t.customFields.length > 0)).toBe(true);
    expect(tasks.some((t) => t.dueDate !== null && t.dueDate < NOW)).toBe(true);
    expect(tasks.some((t) => t.dueDate !== null && t.dueDate > NOW)).toBe(true);
    expect(tasks.some((t) => t.startDate !== null)).toBe(true);
    expect(tasks.some((t) => t.archived)).toBe(true);
    expect(tasks.some((t) => t.dependencies.some((d) => d.type === 0))).toBe(true);
    expect(tasks.some((t) => t.dependencies.some((d) => d.type === 1))).toBe(true);
    for (const t of tasks) {
      if (t.statusType === 'done') expect([t.dateDone !== null, t.dateClosed]).toEqual([true, null]);
      if (t.statusType === 'closed') expect([t.dateDone !== null, t.dateClosed !== null]).toEqual([true, true]);
      if (t.statusType === 'open' || t.statusType === 'custom') expect([t.dateDone, t.dateClosed]).toEqual([null, null]);
      expect(t.dateUpdated).toBeGreaterThanOrEqual(t.dateCreated);
      expect(t.dateUpdated).toBeLessThanOrEqual(NOW);
      if (t.parentId) expect(t.dateCreated).toBeGreaterThanOrEqual(byId.get(t.parentId)!.dateCreated);
    }
  });

  it('spreads time entries over months with running timers, task-less entries and entries across midnight and week edges', () => {
    const entries = dump.timeEntries;
    const span = Math.max(...entries.map((e) => e.start)) - Math.min(...entries.map((e) => e.start));
    expect(span).toBeGreaterThan(90 * DAY);
    const running = entries.filter((e) => e.running);
    expect(running.length).toBeGreaterThan(0);
    expect(new Set(running.map((e) => e.userId)).size).toBe(running.length);
    for (const e of running) {
      expect(e.end).toBeNull();
      expect(e.duration).toBe(-e.start);
      expect(e.start).toBeLessThanOrEqual(NOW);
    }
    const stopped = entries.filter((e) => !e.running);
    expect(stopped.every((e) => e.end! > e.start && e.end! <= NOW && e.at >= e.end!)).toBe(true);
    expect(entries.some((e) => e.taskId === null)).toBe(true);
    const dayOf = (ms: number) => Math.floor(ms / DAY);
    expect(stopped.some((e) => dayOf(e.start) !== dayOf(e.end!))).toBe(true);
    expect(stopped.some((e) => new Date(e.start).getUTCDay() === 0 && new Date(e.end!).getUTCDay() === 1)).toBe(true);
    expect(new Set(entries.map((e) => e.billable))).toEqual(new Set([true, false]));
    expect(entries.some((e) => e.description !== '')).toBe(true);
    expect(entries.some((e) => e.tags.length > 0)).toBe(true);
    const taskCreated = new Map(tasks.map((t) => [t.id, t.dateCreated]));
    expect(entries.every((e) => e.taskId === null || taskCreated.get(e.taskId)! <= e.start)).toBe(true);
  });

  it('keeps time_spent equal to the stopped entries of each task', () => {
    const sums = new Map<string, number>();
    for (const e of dump.timeEntries) if (e.taskId && !e.running) sums.set(e.taskId, (sums.get(e.taskId) ?? 0) + e.duration);
    for (const t of tasks) expect(t.timeSpent).toBe(sums.get(t.id) ?? 0);
  });

  it('sorts every dump array by id', () => {
    const sorted = <T>(xs: T[], key: (x: T) => string | number) => xs.every((x, i) => i === 0 || key(xs[i - 1]) < key(x));
    expect(sorted(dump.tasks, (t) => t.id)).toBe(true);
    expect(sorted(dump.timeEntries, (e) => e.id)).toBe(true);
    expect(sorted(dump.members, (m) => m.id)).toBe(true);
    expect(sorted(dump.lists, (l) => l.id)).toBe(true);
  });
});
