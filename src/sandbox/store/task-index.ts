import { TaskRecord } from '../model/sandbox-entities';

/**
 * Derived lookups over the task map: children per parent, waiters per blocking task, custom ids,
 * and a dense array of live ids for O(1) random picks. Mutations keep it in step with the tasks.
 */
export class TaskIndex {
  private readonly children = new Map<string, Set<string>>();
  private readonly waiters = new Map<string, Set<string>>();
  private readonly byCustomId = new Map<string, string>();
  private readonly liveIds: string[] = [];
  private readonly livePos = new Map<string, number>();

  constructor(tasks: Iterable<TaskRecord>) {
    for (const task of tasks) this.add(task);
  }

  add(task: TaskRecord): void {
    if (task.parentId) this.link(this.children, task.parentId, task.id);
    for (const dep of task.waitsOn) this.link(this.waiters, dep.dependsOn, task.id);
    if (task.customId) this.byCustomId.set(task.customId.toUpperCase(), task.id);
    this.livePos.set(task.id, this.liveIds.length);
    this.liveIds.push(task.id);
  }

  remove(task: TaskRecord): void {
    if (task.parentId) this.unlink(this.children, task.parentId, task.id);
    for (const dep of task.waitsOn) this.unlink(this.waiters, dep.dependsOn, task.id);
    if (task.customId) this.byCustomId.delete(task.customId.toUpperCase());
    this.children.delete(task.id);
    this.waiters.delete(task.id);
    const pos = this.livePos.get(task.id);
    if (pos !== undefined) {
      const last = this.liveIds.pop()!;
      if (last !== task.id) {
        this.liveIds[pos] = last;
        this.livePos.set(last, pos);
      }
      this.livePos.delete(task.id);
    }
  }

  reparent(taskId: string, from: string | null, to: string | null): void {
    if (from) this.unlink(this.children, from, taskId);
    if (to) this.link(this.children, to, taskId);
  }

  addDependency(waitingId: string, blockerId: string): void {
    this.link(this.waiters, blockerId, waitingId);
  }

  removeDependency(waitingId: string, blockerId: string): void {
    this.unlink(this.waiters, blockerId, waitingId);
  }

  childIds(taskId: string): string[] {
    return [...(this.children.get(taskId) ?? [])];
  }

  waiterIds(taskId: string): string[] {
    return [...(this.waiters.get(taskId) ?? [])];
  }

  idForCustomId(customId: string): string | undefined {
    return this.byCustomId.get(customId.toUpperCase());
  }

  get liveCount(): number {
    return this.liveIds.length;
  }

  pickLive(random: () => number): string | undefined {
    return this.liveIds.length === 0 ? undefined : this.liveIds[Math.floor(random() * this.liveIds.length)];
  }

  private link(map: Map<string, Set<string>>, key: string, value: string): void {
    let set = map.get(key);
    if (!set) map.set(key, (set = new Set()));
    set.add(value);
  }

  private unlink(map: Map<string, Set<string>>, key: string, value: string): void {
    const set = map.get(key);
    if (!set) return;
    set.delete(value);
    if (set.size === 0) map.delete(key);
  }
}
