import { effectiveStatusesOf, EffectiveStatuses, findStatus } from './model/effective-statuses';
import { FolderRecord, ListRecord, MemberRecord, SpaceRecord, StatusDef, TaskRecord } from './model/sandbox-entities';
import { GenerateOptions, generateSandboxState } from './generator/sandbox.generator';
import { Random } from './generator/prng';
import { AppliedMutation, randomMutation } from './mutations/random-mutation';
import { SandboxMutations } from './mutations/sandbox-mutations';
import { buildDump } from './store/sandbox-dump.builder';
import { SandboxChange, SandboxChangeListener } from './store/sandbox-change.types';
import { SandboxClock } from './store/sandbox-clock';
import { Errors } from './store/sandbox-error';
import { SandboxState } from './store/sandbox-state';
import { TaskIndex } from './store/task-index';
import { DumpOptions, SandboxDump } from './sandbox-dump.types';

export interface TaskLocation {
  list: ListRecord;
  /** The real folder, or null for a folderless list. */
  folder: FolderRecord | null;
  space: SpaceRecord;
}

/**
 * The sandbox's in-memory workspace: lookups for the HTTP routes, the mutation API
 * (`store.mutations.*`, also used by the routes so both paths behave the same), change events
 * for webhooks, a version counter for query caches, and the ground-truth dump.
 */
export class SandboxStore {
  readonly mutations: SandboxMutations;
  readonly index: TaskIndex;
  private revision = 0;
  private readonly listeners = new Set<SandboxChangeListener>();
  private readonly statusCache = new Map<string, EffectiveStatuses>();

  constructor(
    readonly state: SandboxState,
    readonly clock: SandboxClock = new SandboxClock(state.generatedAt),
  ) {
    this.index = new TaskIndex(state.tasks.values());
    this.mutations = new SandboxMutations(this);
  }

  /**
   * Generates a workspace. The clock is anchored at the moment `now` stands for, taken before
   * generation, so without an explicit `now` the sandbox clock equals real time (the large
   * workspace takes seconds to build and must not lag behind the client's clock).
   */
  static generate(options: GenerateOptions = {}): SandboxStore {
    const realStart = Date.now();
    const now = options.now ?? realStart;
    return new SandboxStore(generateSandboxState({ ...options, now }), new SandboxClock(now, realStart));
  }

  /** Increases on every mutation; query caches key on it. */
  get version(): number {
    return this.revision;
  }

  get workspaceId(): string {
    return this.state.workspace.id;
  }

  get ownerId(): number {
    for (const m of this.state.members.values()) if (m.role === 1 && m.status === 'active') return m.id;
    throw new Error('the sandbox workspace has no owner');
  }

  get ownerToken(): string {
    return this.tokenFor(this.ownerId);
  }

  /** The personal token of a member (invitees have none until they join). */
  tokenFor(userId: number): string {
    for (const [token, id] of this.state.tokens) if (id === userId) return token;
    throw new Error(`user ${userId} has no token (unknown user or a pending invitee)`);
  }

  userIdForToken(token: string): number | undefined {
    return this.state.tokens.get(token);
  }

  member(userId: number): MemberRecord | undefined {
    return this.state.members.get(userId);
  }

  isActiveMember(userId: number): boolean {
    return this.state.members.get(userId)?.status === 'active';
  }

  /** Members listed by GET /team: active ones and pending invitees. */
  currentMembers(): MemberRecord[] {
    return [...this.state.members.values()].filter((m) => m.status !== 'removed');
  }

  task(taskId: string): TaskRecord | undefined {
    return this.state.tasks.get(taskId);
  }

  taskByCustomId(customId: string): TaskRecord | undefined {
    const id = this.index.idForCustomId(customId);
    return id ? this.state.tasks.get(id) : undefined;
  }

  requireTask(taskId: string): TaskRecord {
    const task = this.state.tasks.get(taskId);
    if (!task) throw Errors.taskNotFound();
    return task;
  }

  requireList(listId: string): ListRecord {
    const list = this.state.lists.get(listId);
    if (!list) throw Errors.listNotFound();
    return list;
  }

  requireFolder(folderId: string): FolderRecord {
    const folder = this.state.folders.get(folderId);
    if (!folder) throw Errors.folderNotFound();
    return folder;
  }

  requireSpace(spaceId: string): SpaceRecord {
    const space = this.state.spaces.get(spaceId);
    if (!space) throw Errors.spaceNotFound();
    return space;
  }

  effectiveStatuses(listId: string): EffectiveStatuses {
    let cached = this.statusCache.get(listId);
    if (!cached) {
      cached = effectiveStatusesOf(this.requireList(listId), this.state.folders, this.state.spaces);
      this.statusCache.set(listId, cached);
    }
    return cached;
  }

  /** Lists moved or deleted: their effective statuses are computed again when next asked. */
  forgetStatuses(): void {
    this.statusCache.clear();
  }

  /** The task's status definition; a name the list does not know falls back to the list's first status. */
  statusOf(task: TaskRecord): StatusDef {
    const statuses = this.effectiveStatuses(task.listId).statuses;
    return findStatus(statuses, task.status) ?? statuses[0];
  }

  locationOf(listId: string): TaskLocation {
    const list = this.requireList(listId);
    const folder = list.folderId ? (this.state.folders.get(list.folderId) ?? null) : null;
    return { list, folder, space: this.requireSpace(list.spaceId) };
  }

  /** True when the list, its folder or its space is archived: the team task endpoint hides such tasks. */
  isInArchivedContainer(listId: string): boolean {
    const { list, folder, space } = this.locationOf(listId);
    return list.archived || Boolean(folder?.archived) || space.archived;
  }

  childIds(taskId: string): string[] {
    return this.index.childIds(taskId);
  }

  /** All descendants, depth first, parents before children. */
  descendants(taskId: string): TaskRecord[] {
    const out: TaskRecord[] = [];
    const visit = (id: string) => {
      for (const childId of this.index.childIds(id).sort()) {
        const child = this.state.tasks.get(childId);
        if (!child) continue;
        out.push(child);
        visit(childId);
      }
    };
    visit(taskId);
    return out;
  }

  topLevelParentId(task: TaskRecord): string | null {
    let top: string | null = null;
    for (let p = task.parentId; p; p = this.state.tasks.get(p)?.parentId ?? null) top = p;
    return top;
  }

  /** Tasks that wait on this one. */
  waiters(taskId: string): TaskRecord[] {
    return this.index
      .waiterIds(taskId)
      .map((id) => this.state.tasks.get(id))
      .filter((t): t is TaskRecord => t !== undefined);
  }

  onChange(listener: SandboxChangeListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Called by every mutation: bumps the version and tells listeners (webhooks) what changed. */
  markChanged(...changes: SandboxChange[]): void {
    this.revision++;
    for (const change of changes) {
      for (const listener of this.listeners) listener(change);
    }
  }

  dump(options: DumpOptions = {}): SandboxDump {
    return buildDump(this, options);
  }

  /** Applies one random mutation drawn from every mutation kind. */
  randomMutation(random: Random): AppliedMutation {
    return randomMutation(this, random);
  }

  /** Applies n random mutations from a seeded stream; the same seed on the same state picks the same ones. */
  applyRandomMutations(n: number, seed: number): AppliedMutation[] {
    const random = new Random(seed);
    const applied: AppliedMutation[] = [];
    for (let i = 0; i < n; i++) applied.push(randomMutation(this, random));
    return applied;
  }
}
