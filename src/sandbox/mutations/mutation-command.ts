import { z } from 'zod';
import type { SandboxStore } from '../sandbox-store';
import { Errors } from '../store/sandbox-error';
import { AppliedMutation } from './random-mutation';

const id = z.string().min(1);
const userId = z.number().int();
const ms = z.number().finite();
const addRem = { add: z.array(userId).optional(), rem: z.array(userId).optional() };

/**
 * The body of POST /_sandbox/mutations: `{kind, ...args}` naming one store.mutations method, or
 * `{random: n, seed}` for n random mutations. Validated so a typo is a 400, not a crash.
 */
export const mutationCommandSchema = z.union([
  z.object({ random: z.number().int().min(1).max(100_000), seed: z.number().int().optional() }),
  z.discriminatedUnion('kind', [
    z.object({ kind: z.literal('changeStatus'), taskId: id, status: z.string().min(1) }),
    z.object({ kind: z.literal('reassign'), taskId: id, ...addRem }),
    z.object({ kind: z.literal('moveTask'), taskId: id, listId: id }),
    z.object({ kind: z.literal('deleteTask'), taskId: id }),
    z.object({ kind: z.literal('archiveTask'), taskId: id, archived: z.boolean().optional() }),
    z.object({
      kind: z.literal('createTask'),
      listId: id,
      name: z.string(),
      description: z.string().optional(),
      status: z.string().optional(),
      priority: z.number().int().nullable().optional(),
      assigneeIds: z.array(userId).optional(),
      tags: z.array(z.string()).optional(),
      dueDate: ms.nullable().optional(),
      startDate: ms.nullable().optional(),
      timeEstimate: ms.nullable().optional(),
      points: z.number().nullable().optional(),
      parentId: id.nullable().optional(),
    }),
    z.object({ kind: z.literal('setDueDate'), taskId: id, dueDate: ms.nullable() }),
    z.object({ kind: z.literal('setEstimate'), taskId: id, timeEstimate: ms.nullable() }),
    z.object({ kind: z.literal('setPriority'), taskId: id, priority: z.number().int().nullable() }),
    z.object({ kind: z.literal('renameTask'), taskId: id, name: z.string() }),
    z.object({ kind: z.literal('addTaskToList'), taskId: id, listId: id }),
    z.object({ kind: z.literal('removeTaskFromList'), taskId: id, listId: id }),
    z.object({ kind: z.literal('addDependency'), taskId: id, dependsOn: id }),
    z.object({ kind: z.literal('removeDependency'), taskId: id, dependsOn: id }),
    z.object({ kind: z.literal('addTag'), taskId: id, tag: z.string().min(1) }),
    z.object({ kind: z.literal('removeTag'), taskId: id, tag: z.string().min(1) }),
    z.object({ kind: z.literal('setCustomField'), taskId: id, fieldId: id, value: z.unknown() }),
    z.object({
      kind: z.literal('addTimeEntry'),
      userId,
      taskId: id.nullable().optional(),
      start: ms,
      end: ms.nullable().optional(),
      duration: z.number().optional(),
      billable: z.boolean().optional(),
      description: z.string().optional(),
      tags: z.array(z.string()).optional(),
    }),
    z.object({
      kind: z.literal('editTimeEntry'),
      id,
      start: ms.optional(),
      end: ms.nullable().optional(),
      duration: z.number().optional(),
      description: z.string().optional(),
      billable: z.boolean().optional(),
      taskId: id.nullable().optional(),
      tags: z.array(z.string()).optional(),
    }),
    z.object({ kind: z.literal('deleteTimeEntry'), id }),
    z.object({ kind: z.literal('startTimer'), userId, taskId: id.nullable().optional(), description: z.string().optional() }),
    z.object({ kind: z.literal('stopTimer'), userId }),
    z.object({
      kind: z.literal('addMember'),
      username: z.string().optional(),
      email: z.string().optional(),
      role: z.union([z.literal(2), z.literal(3), z.literal(4)]).optional(),
      invited: z.boolean().optional(),
    }),
    z.object({ kind: z.literal('removeMember'), userId }),
    z.object({ kind: z.literal('archiveList'), listId: id, archived: z.boolean().optional() }),
    z.object({ kind: z.literal('renameList'), listId: id, name: z.string() }),
  ]),
]);

export type MutationCommand = z.infer<typeof mutationCommandSchema>;

/** Applies one admin command and returns what it did (or, for `random`, every mutation applied). */
export function applyMutationCommand(store: SandboxStore, body: unknown): AppliedMutation | AppliedMutation[] {
  const parsed = mutationCommandSchema.safeParse(body);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => `${i.path.join('.') || 'body'} ${i.message}`);
    throw Errors.badInput(`Invalid mutation: ${issues.join('; ')}`);
  }
  const cmd = parsed.data;
  if ('random' in cmd) return store.applyRandomMutations(cmd.random, cmd.seed ?? store.state.seed);
  const m = store.mutations;
  const done = (result: unknown): AppliedMutation => ({ kind: cmd.kind, args: { ...cmd }, result });
  switch (cmd.kind) {
    case 'changeStatus':
      return done(m.changeStatus(cmd.taskId, cmd.status).id);
    case 'reassign':
      return done(m.reassign(cmd.taskId, { add: cmd.add, rem: cmd.rem }).id);
    case 'moveTask':
      return done(m.moveTask(cmd.taskId, cmd.listId).id);
    case 'deleteTask':
      return done(m.deleteTask(cmd.taskId));
    case 'archiveTask':
      return done(m.archiveTask(cmd.taskId, cmd.archived ?? true).id);
    case 'createTask': {
      const { kind: _kind, ...input } = cmd;
      return done(m.createTask(input).id);
    }
    case 'setDueDate':
      return done(m.setDueDate(cmd.taskId, cmd.dueDate).id);
    case 'setEstimate':
      return done(m.setEstimate(cmd.taskId, cmd.timeEstimate).id);
    case 'setPriority':
      return done(m.setPriority(cmd.taskId, cmd.priority).id);
    case 'renameTask':
      return done(m.renameTask(cmd.taskId, cmd.name).id);
    case 'addTaskToList':
      return done(m.addTaskToList(cmd.taskId, cmd.listId).id);
    case 'removeTaskFromList':
      return done(m.removeTaskFromList(cmd.taskId, cmd.listId).id);
    case 'addDependency':
      return done(m.addDependency(cmd.taskId, cmd.dependsOn).id);
    case 'removeDependency':
      return done(m.removeDependency(cmd.taskId, cmd.dependsOn).id);
    case 'addTag':
      return done(m.addTag(cmd.taskId, cmd.tag).id);
    case 'removeTag':
      return done(m.removeTag(cmd.taskId, cmd.tag).id);
    case 'setCustomField':
      return done(m.setCustomField(cmd.taskId, cmd.fieldId, cmd.value).id);
    case 'addTimeEntry': {
      const { kind: _kind, ...input } = cmd;
      return done(m.addTimeEntry(input).id);
    }
    case 'editTimeEntry': {
      const { kind: _kind, id: entryId, ...patch } = cmd;
      return done(m.editTimeEntry(entryId, patch).id);
    }
    case 'deleteTimeEntry':
      return done(m.deleteTimeEntry(cmd.id).id);
    case 'startTimer':
      return done(m.startTimer(cmd.userId, { taskId: cmd.taskId, description: cmd.description }).id);
    case 'stopTimer':
      return done(m.stopTimer(cmd.userId).id);
    case 'addMember': {
      const { kind: _kind, ...input } = cmd;
      return done(m.addMember(input).id);
    }
    case 'removeMember':
      return done(m.removeMember(cmd.userId).id);
    case 'archiveList':
      return done(m.archiveList(cmd.listId, cmd.archived ?? true).id);
    case 'renameList':
      return done(m.renameList(cmd.listId, cmd.name).id);
  }
}
