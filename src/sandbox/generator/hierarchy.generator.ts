import { CustomFieldDef, FolderRecord, ListRecord, SpaceRecord } from '../model/sandbox-entities';
import { GeneratorSize } from './generator-size';
import { FolderBlueprint, HIERARCHY_BLUEPRINT, ListBlueprint } from './hierarchy-blueprint';
import { folderIdFor, listIdFor, spaceIdFor } from './id-factory';
import { Random } from './prng';
import { buildStatuses } from './status-sets';
import { EXTRA_LIST_NAMES } from './text-pools';

const DAY = 86_400_000;

export interface GeneratedHierarchy {
  spaces: Map<string, SpaceRecord>;
  folders: Map<string, FolderRecord>;
  lists: Map<string, ListRecord>;
  customFields: Map<string, CustomFieldDef>;
  /** Blueprint key → list id, for planting special cases. */
  listByKey: Map<string, string>;
  /** Relative task share per list id. */
  listWeights: Map<string, number>;
  nextSpace: number;
  nextFolder: number;
  nextList: number;
}

export function generateHierarchy(random: Random, size: GeneratorSize, now: number, ownerId: number): GeneratedHierarchy {
  const out: GeneratedHierarchy = {
    spaces: new Map(),
    folders: new Map(),
    lists: new Map(),
    customFields: new Map(),
    listByKey: new Map(),
    listWeights: new Map(),
    nextSpace: 1,
    nextFolder: 1,
    nextList: 1,
  };
  const growable: FolderRecord[] = [];

  HIERARCHY_BLUEPRINT.forEach((bp, spaceIndex) => {
    const id = spaceIdFor(out.nextSpace++);
    const space: SpaceRecord = {
      id,
      name: bp.name,
      color: bp.color,
      private: bp.private,
      archived: bp.archived,
      orderindex: spaceIndex,
      statuses: buildStatuses(bp.statusSet, `p${id}`),
      features: {
        dueDates: true,
        startDates: true,
        timeTracking: true,
        timeEstimates: true,
        tags: true,
        points: bp.key !== 'marketing',
        customFields: true,
        checklists: true,
        dependencyWarning: true,
        priorities: true,
      },
      multipleAssignees: true,
      hiddenFolderId: folderIdFor(out.nextFolder++),
      customIdPrefix: bp.customIdPrefix,
      tags: bp.tags.map(([name, tagFg, tagBg]) => ({ name, tagFg, tagBg, creator: ownerId })),
    };
    out.spaces.set(id, space);
    addCustomFields(random, out, space, now);

    bp.folders.forEach((fbp, folderIndex) => {
      const folder = addFolder(out, space, fbp, folderIndex);
      if (fbp.growable && !space.archived) growable.push(folder);
      fbp.lists.forEach((lbp, listIndex) => addList(out, space, folder, lbp, listIndex, random, now));
    });
    bp.folderlessLists.forEach((lbp, listIndex) => addList(out, space, null, lbp, listIndex, random, now));
  });

  for (let i = 0; i < size.extraLists && growable.length > 0; i++) {
    const folder = growable[i % growable.length];
    const space = out.spaces.get(folder.spaceId)!;
    const round = Math.floor(i / growable.length) + 2;
    const name = `${EXTRA_LIST_NAMES[i % EXTRA_LIST_NAMES.length]} ${round}`;
    addList(out, space, folder, { key: `extra-${i}`, name: `${folder.name} ${name}`, taskWeight: 4 }, 10 + i, random, now);
  }
  return out;
}

function addFolder(out: GeneratedHierarchy, space: SpaceRecord, bp: FolderBlueprint, orderindex: number): FolderRecord {
  const id = folderIdFor(out.nextFolder++);
  const folder: FolderRecord = {
    id,
    spaceId: space.id,
    name: bp.name,
    orderindex,
    hidden: false,
    archived: bp.archived ?? false,
    overrideStatuses: bp.statusSet !== undefined,
    statuses: bp.statusSet ? buildStatuses(bp.statusSet, `sc${id}`) : null,
  };
  out.folders.set(id, folder);
  return folder;
}

function addList(
  out: GeneratedHierarchy,
  space: SpaceRecord,
  folder: FolderRecord | null,
  bp: ListBlueprint,
  orderindex: number,
  random: Random,
  now: number,
): void {
  const id = listIdFor(out.nextList++);
  const hasDates = random.chance(0.3);
  const list: ListRecord = {
    id,
    spaceId: space.id,
    folderId: folder?.id ?? null,
    name: bp.name,
    content: random.chance(0.5) ? `Work tracked in ${bp.name}.` : '',
    orderindex,
    archived: bp.archived ?? false,
    overrideStatuses: bp.statusSet !== undefined,
    statuses: bp.statusSet ? buildStatuses(bp.statusSet, `sc${id}`) : null,
    startDate: hasDates ? now - random.int(30, 90) * DAY : null,
    dueDate: hasDates ? now + random.int(-10, 60) * DAY : null,
  };
  out.lists.set(id, list);
  out.listByKey.set(bp.key, id);
  out.listWeights.set(id, bp.taskWeight);
}

function addCustomFields(random: Random, out: GeneratedHierarchy, space: SpaceRecord, now: number): void {
  const created = now - 400 * DAY;
  const defs: Omit<CustomFieldDef, 'id' | 'spaceId' | 'dateCreated'>[] = [
    {
      name: 'Severity',
      type: 'drop_down',
      typeConfig: {
        default: 0,
        placeholder: null,
        options: ['Low', 'Medium', 'High', 'Critical'].map((name, orderindex) => ({
          id: random.uuid(),
          name,
          color: ['#2ecd6f', '#f9d900', '#ff7800', '#e50000'][orderindex],
          orderindex,
        })),
      },
      hideFromGuests: false,
      required: false,
    },
    { name: 'Customer', type: 'short_text', typeConfig: {}, hideFromGuests: false, required: false },
    { name: 'Budget', type: 'number', typeConfig: {}, hideFromGuests: true, required: false },
    { name: 'Needs QA', type: 'checkbox', typeConfig: {}, hideFromGuests: false, required: false },
    { name: 'Target Release', type: 'date', typeConfig: {}, hideFromGuests: false, required: false },
  ];
  for (const def of defs) {
    const id = random.uuid();
    out.customFields.set(id, { ...def, id, spaceId: space.id, dateCreated: created });
  }
}
