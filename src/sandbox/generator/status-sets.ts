import { StatusDef, StatusType } from '../model/sandbox-entities';

/**
 * Status sets of the generated spaces, folders and lists. Names come from the product's status
 * override table (docs/tools.md), written lower-case as ClickUp returns them; "drafting" is left
 * out of that table on purpose so the type-based fallback gets exercised too. Every set starts with
 * one `open` status and ends with one `closed` status, like every ClickUp space.
 */
type StatusTemplate = readonly [name: string, type: StatusType, color: string];

export const STATUS_SETS = {
  mobile: [
    ['backlog', 'open', '#d3d3d3'],
    ['in progress', 'custom', '#4194f6'],
    ['in review', 'custom', '#a875ff'],
    ['qa', 'custom', '#f9d900'],
    ['shipped', 'done', '#6bc950'],
    ['cancelled', 'closed', '#6b6b6b'],
  ],
  web: [
    ['to do', 'open', '#d3d3d3'],
    ['in design', 'custom', '#ff7fab'],
    ['in development', 'custom', '#4194f6'],
    ['review', 'custom', '#a875ff'],
    ['blocked', 'custom', '#e50000'],
    ['complete', 'done', '#6bc950'],
    ['closed', 'closed', '#6b6b6b'],
  ],
  operations: [
    ['queued', 'open', '#d3d3d3'],
    ['scoping', 'custom', '#ff7800'],
    ['staging deploy', 'custom', '#4194f6'],
    ['ready for production', 'custom', '#02bcd4'],
    ['on hold', 'custom', '#f9d900'],
    ['resolved', 'done', '#6bc950'],
    ['closed', 'closed', '#6b6b6b'],
  ],
  marketing: [
    ['open', 'open', '#d3d3d3'],
    ['drafting', 'custom', '#ff7fab'],
    ['waiting', 'custom', '#f9d900'],
    ['done', 'done', '#6bc950'],
    ['closed', 'closed', '#6b6b6b'],
  ],
  legacy: [
    ['pending', 'open', '#d3d3d3'],
    ['testing', 'custom', '#4194f6'],
    ['release', 'done', '#6bc950'],
    ['closed', 'closed', '#6b6b6b'],
  ],
  /** Folder-level override (the "Platform Rewrite" folder). */
  rewriteFolder: [
    ['in planning', 'open', '#d3d3d3'],
    ['dev', 'custom', '#4194f6'],
    ['bug', 'custom', '#e50000'],
    ['qc check', 'done', '#02bcd4'],
    ['prod', 'done', '#6bc950'],
    ['cancelled', 'closed', '#6b6b6b'],
  ],
  /** List-level override (the "Hotfixes" list). */
  hotfixList: [
    ['in queue', 'open', '#d3d3d3'],
    ['development', 'custom', '#4194f6'],
    ['testing', 'custom', '#f9d900'],
    ['ready for development', 'custom', '#a875ff'],
    ['release', 'done', '#6bc950'],
    ['closed', 'closed', '#6b6b6b'],
  ],
} as const satisfies Record<string, readonly StatusTemplate[]>;

export type StatusSetName = keyof typeof STATUS_SETS;

/** Materializes a set with ids in ClickUp's style (`p<space>_<n>`, `sc<list>_<n>`). */
export function buildStatuses(set: StatusSetName, idPrefix: string): StatusDef[] {
  return STATUS_SETS[set].map(([status, type, color], orderindex) => ({
    id: `${idPrefix}_${orderindex}`,
    status,
    type,
    orderindex,
    color,
  }));
}
