/**
 * How much data the generator produces. The hierarchy skeleton (spaces, folders, the special
 * lists every test relies on) is the same for every size; sizes scale members, extra lists,
 * tasks, time entries and how far back the history goes.
 */
export interface GeneratorSize {
  name: string;
  /** Workspace members including the owner, one guest and one pending invitee. */
  members: number;
  /** Lists added on top of the skeleton, spread over the active folders. */
  extraLists: number;
  tasks: number;
  timeEntries: number;
  /** Days of history before `now` that dates and time entries are spread over. */
  historyDays: number;
}

export type GeneratorSizeName = 'tiny' | 'demo' | 'large';

export const GENERATOR_SIZES: Readonly<Record<GeneratorSizeName, GeneratorSize>> = {
  tiny: { name: 'tiny', members: 8, extraLists: 0, tasks: 60, timeEntries: 300, historyDays: 120 },
  demo: { name: 'demo', members: 20, extraLists: 12, tasks: 2_000, timeEntries: 20_000, historyDays: 183 },
  large: {
    name: 'large',
    members: 250,
    extraLists: 300,
    tasks: 100_000,
    timeEntries: 1_000_000,
    historyDays: 730,
  },
};

/** The skeleton needs a few members of each role and enough tasks to plant every special case. */
const MINIMUM: Pick<GeneratorSize, 'members' | 'tasks' | 'historyDays'> = { members: 6, tasks: 40, historyDays: 45 };

export function resolveGeneratorSize(size: GeneratorSizeName | GeneratorSize | undefined): GeneratorSize {
  const base = typeof size === 'string' || size === undefined ? GENERATOR_SIZES[size ?? 'tiny'] : size;
  if (!base) throw new Error(`Unknown sandbox size "${String(size)}" (use tiny, demo, large or a GeneratorSize)`);
  return {
    ...base,
    members: Math.max(MINIMUM.members, Math.floor(base.members)),
    tasks: Math.max(MINIMUM.tasks, Math.floor(base.tasks)),
    historyDays: Math.max(MINIMUM.historyDays, Math.floor(base.historyDays)),
    extraLists: Math.max(0, Math.floor(base.extraLists)),
    timeEntries: Math.max(0, Math.floor(base.timeEntries)),
  };
}
