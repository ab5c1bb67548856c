import { TimeEntryTableBuilder } from '../model/time-entry-table';
import { SandboxState } from '../store/sandbox-state';
import { GeneratorSize, GeneratorSizeName, resolveGeneratorSize } from './generator-size';
import { generateHierarchy } from './hierarchy.generator';
import { Random } from './prng';
import { TaskGenerator } from './task.generator';
import { TimeEntryGenerator } from './time-entry.generator';
import { generateWorkspace } from './workspace.generator';

export interface GenerateOptions {
  seed?: number;
  size?: GeneratorSizeName | GeneratorSize;
  /** Anchor for every generated date (ms). Same seed + size + now ⇒ identical data. */
  now?: number;
}

/**
 * Builds a whole workspace from a seed. Each phase draws from its own forked stream, so the
 * phases stay independent: more tasks never changes the member list, for example.
 */
export function generateSandboxState(options: GenerateOptions = {}): SandboxState {
  const seed = options.seed ?? 42;
  const now = options.now ?? Date.now();
  const size = resolveGeneratorSize(options.size);
  const random = new Random(seed);

  const { workspace, members, tokens } = generateWorkspace(random.fork('workspace'), seed, size, now);
  const ownerId = [...members.values()].find((m) => m.role === 1)!.id;
  const hierarchy = generateHierarchy(random.fork('hierarchy'), size, now, ownerId);
  const generated = new TaskGenerator(random.fork('tasks'), size, now, hierarchy, members).generate();
  const tasksByIndex = generated.tasksByIndex;
  const builder: TimeEntryTableBuilder = new TimeEntryGenerator(random.fork('time-entries'), size, now, members, tasksByIndex).generate();
  const slots: SandboxState['tasksByIndex'] = tasksByIndex.slice();

  return {
    seed,
    sizeName: size.name,
    generatedAt: now,
    workspace,
    members,
    spaces: hierarchy.spaces,
    folders: hierarchy.folders,
    lists: hierarchy.lists,
    customFields: hierarchy.customFields,
    tasks: generated.tasks,
    tasksByIndex: slots,
    timeEntries: builder.build((index) => slots[index]?.id),
    timeEntryTags: TimeEntryGenerator.tagDefinitions(ownerId),
    tokens,
    deletedTaskIds: new Set(),
    deletedTimeEntryIds: new Set(),
    counters: {
      space: hierarchy.nextSpace,
      folder: hierarchy.nextFolder,
      list: hierarchy.nextList,
      task: tasksByIndex.length,
      user: members.size,
      customId: generated.customIdCounters,
    },
  };
}
