import { effectiveStatusesOf } from '../model/effective-statuses';
import { CustomFieldDef, MemberRecord, StatusDef, StatusType, TaskRecord } from '../model/sandbox-entities';
import { GeneratorSize } from './generator-size';
import { GeneratedHierarchy } from './hierarchy.generator';
import { customTaskId, taskIdFor } from './id-factory';
import { Random } from './prng';
import { DESCRIPTIONS, TASK_OBJECTS, TASK_VERBS } from './text-pools';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const MAX_DEPTH = 4;
const STATUS_TYPE_WEIGHTS: Record<StatusType, number> = { open: 0.2, custom: 0.35, done: 0.3, closed: 0.15 };
const POINTS = [1, 2, 3, 5, 8, 13];

export interface GeneratedTasks {
  tasks: Map<string, TaskRecord>;
  tasksByIndex: TaskRecord[];
  customIdCounters: Map<string, number>;
}

interface TaskOverrides {
  parent?: TaskRecord;
  statusType?: StatusType;
  archived?: boolean;
}

/**
 * Tasks with everything the sync and the reports must cope with. A handful of cases are planted
 * at fixed places first (a subtask chain of depth 3, a subtask living in another list than its
 * parent, tasks in several lists, tasks in the archived list, done/closed/archived tasks,
 * dependencies); the rest is random but seeded.
 */
export class TaskGenerator {
  private readonly tasks = new Map<string, TaskRecord>();
  private readonly byIndex: TaskRecord[] = [];
  private readonly customIds = new Map<string, number>();
  private readonly depth = new Map<string, number>();
  private readonly recentByList = new Map<string, TaskRecord[]>();
  private readonly statusesByList = new Map<string, StatusDef[]>();
  private readonly fieldsBySpace = new Map<string, CustomFieldDef[]>();
  private readonly workers: MemberRecord[];
  private readonly assignable: MemberRecord[];
  private readonly activeListIds: string[];
  private readonly historyStart: number;

  constructor(
    private readonly random: Random,
    private readonly size: GeneratorSize,
    private readonly now: number,
    private readonly hierarchy: GeneratedHierarchy,
    members: ReadonlyMap<string | number, MemberRecord>,
  ) {
    const active = [...members.values()].filter((m) => m.status === 'active');
    this.assignable = active;
    this.workers = active.filter((m) => m.role !== 4);
    this.historyStart = now - size.historyDays * DAY;
    for (const list of hierarchy.lists.values()) {
      this.statusesByList.set(list.id, effectiveStatusesOf(list, hierarchy.folders, hierarchy.spaces).statuses);
    }
    for (const field of hierarchy.customFields.values()) {
      const fields = this.fieldsBySpace.get(field.spaceId) ?? [];
      fields.push(field);
      this.fieldsBySpace.set(field.spaceId, fields);
    }
    this.activeListIds = [...hierarchy.lists.values()].filter((l) => !l.archived && !this.containerArchived(l.id)).map((l) => l.id);
  }

  generate(): GeneratedTasks {
    this.plantSpecialCases();
    const listIds = [...this.hierarchy.listWeights.keys()];
    const weights = listIds.map((id) => this.hierarchy.listWeights.get(id)!);
    while (this.byIndex.length < this.size.tasks) {
      const listId = listIds[this.random.weightedIndex(weights)];
      const recent = (this.recentByList.get(listId) ?? []).filter((t) => this.depth.get(t.id)! < MAX_DEPTH);
      const parent = recent.length > 0 && this.random.chance(0.3) ? this.random.pick(recent) : undefined;
      const task = this.createTask(listId, { parent });
      if (this.random.chance(0.03)) this.addExtraList(task);
      if (this.random.chance(0.03)) this.addRandomDependency(task);
    }
    return { tasks: this.tasks, tasksByIndex: this.byIndex, customIdCounters: this.customIds };
  }

  private plantSpecialCases(): void {
    const key = (k: string) => {
      const id = this.hierarchy.listByKey.get(k);
      if (!id) throw new Error(`blueprint list ${k} missing`);
      return id;
    };
    // A chain root → child → grandchild → great-grandchild: subtasks three levels deep.
    let parent = this.createTask(key('ios-sprint'), { statusType: 'custom' });
    const root = parent;
    for (let level = 0; level < 3; level++) parent = this.createTask(key('ios-sprint'), { parent, statusType: 'custom' });
    // A subtask whose parent lives in another list.
    const crossParent = this.createTask(key('android-sprint'), { statusType: 'custom' });
    this.createTask(key('android-bugs'), { parent: crossParent, statusType: 'open' });
    // Tasks in several lists (TIML), one of them across spaces.
    const multi = this.createTask(key('rewrite-backend'), { statusType: 'custom' });
    multi.extraListIds.push(key('web-backlog'), key('ops-inbox'));
    const multi2 = this.createTask(key('ios-bugs'), { statusType: 'open' });
    multi2.extraListIds.push(key('hotfixes'));
    // Work in archived containers: an archived list, an archived folder, an archived space.
    const archivedListTask = this.createTask(key('ios-v1'), { statusType: 'done' });
    this.createTask(key('ios-v1'), { parent: archivedListTask, statusType: 'open' });
    this.createTask(key('datacenter-migration'), { statusType: 'custom' });
    this.createTask(key('legacy-tasks'), { statusType: 'open' });
    // Finished and archived tasks in an ordinary list.
    this.createTask(key('android-sprint'), { statusType: 'done' });
    this.createTask(key('android-sprint'), { statusType: 'closed' });
    this.createTask(key('ios-sprint'), { statusType: 'custom', archived: true });
    // Dependencies: a waits on the chain root, and the chain root blocks another task.
    const waiting = this.createTask(key('ios-bugs'), { statusType: 'open' });
    this.link(waiting, root);
    const blocked = this.createTask(key('hotfixes'), { statusType: 'custom' });
    this.link(blocked, multi2);
  }

  private createTask(listId: string, overrides: TaskOverrides): TaskRecord {
    const r = this.random;
    const list = this.hierarchy.lists.get(listId)!;
    const space = this.hierarchy.spaces.get(list.spaceId)!;
    const index = this.byIndex.length;
    const id = taskIdFor(index);
    const parent = overrides.parent;
    const createdFrom = parent ? parent.dateCreated : this.historyStart;
    const createdTo = parent ? Math.min(this.now - HOUR, parent.dateCreated + 30 * DAY) : this.now - HOUR;
    const dateCreated = createdFrom + Math.floor(r.next() * Math.max(1, createdTo - createdFrom));
    const status = this.pickStatus(listId, overrides.statusType);
    const finished = status.type === 'done' || status.type === 'closed';
    const dateDone = finished ? dateCreated + Math.floor(r.next() * Math.min(60 * DAY, this.now - dateCreated)) : null;
    const touched = Math.max(dateCreated, dateDone ?? 0);
    const dateUpdated = Math.min(this.now - 1, touched + Math.floor(r.next() * (this.now - touched) * 0.3));
    const dueDate = r.chance(0.6) ? dateCreated + r.int(1, 45) * DAY : null;
    const assignees = this.pickAssignees();
    const creator = r.pick(this.workers);
    let customId: string | null = null;
    if (space.customIdPrefix) {
      const n = (this.customIds.get(space.id) ?? 0) + 1;
      this.customIds.set(space.id, n);
      customId = customTaskId(space.customIdPrefix, n);
    }
    const task: TaskRecord = {
      id,
      index,
      customId,
      name: `${r.pick(TASK_VERBS)} ${r.pick(TASK_OBJECTS)}${r.chance(0.5) ? ` #${r.int(2, 999)}` : ''}`,
      description: r.chance(0.6) ? r.pick(DESCRIPTIONS) : '',
      status: status.status,
      priority: r.chance(0.25) ? null : ([1, 2, 3, 4] as const)[r.weightedIndex([0.1, 0.25, 0.45, 0.2])],
      parentId: parent?.id ?? null,
      listId,
      extraListIds: [],
      assigneeIds: assignees,
      watcherIds: [...new Set([creator.id, ...assignees])],
      creatorId: creator.id,
      tags: r.chance(0.35) ? r.sample(space.tags, r.int(1, 2)).map((t) => t.name) : [],
      customFieldValues: this.pickCustomFieldValues(space.id, dateCreated),
      waitsOn: [],
      dateCreated,
      dateUpdated,
      dateDone,
      dateClosed: status.type === 'closed' ? dateDone : null,
      dueDate,
      dueDateTime: dueDate !== null && r.chance(0.3),
      startDate: dueDate !== null && r.chance(0.4) ? dateCreated + Math.floor(r.next() * (dueDate - dateCreated)) : null,
      startDateTime: false,
      timeEstimate: r.chance(0.65) ? r.int(1, 16) * 30 * 60_000 : null,
      points: space.features.points && r.chance(0.4) ? r.pick(POINTS) : null,
      archived: overrides.archived ?? (overrides.statusType === undefined && r.chance(0.02)),
      orderindex: index + 1,
      timeSpent: 0,
    };
    this.tasks.set(id, task);
    this.byIndex.push(task);
    this.depth.set(id, parent ? this.depth.get(parent.id)! + 1 : 0);
    const recent = this.recentByList.get(listId) ?? [];
    recent.push(task);
    if (recent.length > 20) recent.shift();
    this.recentByList.set(listId, recent);
    return task;
  }

  private pickStatus(listId: string, wanted: StatusType | undefined): StatusDef {
    const statuses = this.statusesByList.get(listId)!;
    const types = Object.keys(STATUS_TYPE_WEIGHTS) as StatusType[];
    const type = wanted ?? types[this.random.weightedIndex(types.map((t) => STATUS_TYPE_WEIGHTS[t]))];
    const candidates = statuses.filter((s) => s.type === type);
    return this.random.pick(candidates.length > 0 ? candidates : statuses);
  }

  private pickAssignees(): number[] {
    const r = this.random;
    const count = r.weightedIndex([0.15, 0.65, 0.2]);
    const pool = r.chance(0.03) ? this.assignable : this.workers;
    return r.sample(pool, count).map((m) => m.id);
  }

  private pickCustomFieldValues(spaceId: string, created: number): Record<string, unknown> {
    const values: Record<string, unknown> = {};
    for (const field of this.fieldsBySpace.get(spaceId) ?? []) {
      if (!this.random.chance(0.35)) continue;
      values[field.id] = this.customFieldValue(field, created);
    }
    return values;
  }

  /** Values in ClickUp's wire form: drop_down → option orderindex, number/date → string, checkbox → "true". */
  private customFieldValue(field: CustomFieldDef, created: number): unknown {
    const r = this.random;
    switch (field.type) {
      case 'drop_down':
        return r.int(0, 3);
      case 'number':
        return String(r.int(1, 50) * 100);
      case 'short_text':
        return r.pick(['Globex', 'Initech', 'Umbrella', 'Hooli', 'Stark Industries']);
      case 'checkbox':
        return r.chance(0.5) ? 'true' : 'false';
      case 'date':
        return String(created + r.int(7, 120) * DAY);
    }
  }

  private addExtraList(task: TaskRecord): void {
    const candidates = this.activeListIds.filter((id) => id !== task.listId && !task.extraListIds.includes(id));
    if (candidates.length > 0) task.extraListIds.push(this.random.pick(candidates));
  }

  private addRandomDependency(task: TaskRecord): void {
    if (this.byIndex.length < 2) return;
    const other = this.byIndex[this.random.int(0, this.byIndex.length - 2)];
    if (other.id === task.id || this.isAncestor(other.id, task) || task.waitsOn.some((d) => d.dependsOn === other.id)) return;
    this.link(task, other);
  }

  private link(waiting: TaskRecord, blocker: TaskRecord): void {
    const since = Math.max(waiting.dateCreated, blocker.dateCreated);
    waiting.waitsOn.push({
      dependsOn: blocker.id,
      dateCreated: since + Math.floor(this.random.next() * Math.max(1, this.now - since) * 0.1),
      userId: waiting.creatorId,
    });
  }

  private isAncestor(candidateId: string, task: TaskRecord): boolean {
    for (let p = task.parentId; p; p = this.tasks.get(p)?.parentId ?? null) if (p === candidateId) return true;
    return false;
  }

  private containerArchived(listId: string): boolean {
    const list = this.hierarchy.lists.get(listId)!;
    const folder = list.folderId ? this.hierarchy.folders.get(list.folderId) : undefined;
    return Boolean(folder?.archived) || this.hierarchy.spaces.get(list.spaceId)!.archived;
  }
}
