import { Errors } from '../store/sandbox-error';

export type TaskOrder = 'id' | 'created' | 'updated' | 'due_date';

/** The filters of ClickUp's Get Tasks / Get Filtered Team Tasks, normalized. */
export interface TaskFilter {
  /** null = the whole workspace (team endpoint). */
  listId: string | null;
  includeTiml: boolean;
  archived: boolean;
  includeClosed: boolean;
  subtasks: boolean;
  statuses: string[];
  assignees: number[];
  watchers: number[];
  tags: string[];
  spaceIds: string[];
  folderIds: string[];
  listIds: string[];
  parent: string | null;
  dateCreatedGt: number | null;
  dateCreatedLt: number | null;
  dateUpdatedGt: number | null;
  dateUpdatedLt: number | null;
  dateDoneGt: number | null;
  dateDoneLt: number | null;
  dueDateGt: number | null;
  dueDateLt: number | null;
  customItems: number[];
  orderBy: TaskOrder;
  reverse: boolean;
}

/** Array parameters: ClickUp documents `key[]=a&key[]=b`; many clients send `key=a`, so both count. */
export function arrayParam(params: URLSearchParams, key: string): string[] {
  return [...params.getAll(`${key}[]`), ...params.getAll(key)]
    .flatMap((v) => v.split(','))
    .map((v) => v.trim())
    .filter(Boolean);
}

export function boolParam(params: URLSearchParams, key: string, fallback: boolean): boolean {
  const raw = params.get(key);
  if (raw === null || raw === '') return fallback;
  const v = raw.toLowerCase();
  if (v === 'true' || v === '1') return true;
  if (v === 'false' || v === '0') return false;
  throw Errors.badInput(`${key} must be true or false`);
}

export function msParam(params: URLSearchParams, key: string): number | null {
  const raw = params.get(key);
  if (raw === null || raw === '') return null;
  const n = Number(raw);
  if (!Number.isFinite(n)) throw Errors.badInput(`${key} must be a Unix time in milliseconds`);
  return n;
}

function intList(values: string[], key: string): number[] {
  return values.map((v) => {
    const n = Number(v);
    if (!Number.isInteger(n)) throw Errors.badInput(`${key} must hold integer ids`);
    return n;
  });
}

const ORDERS: readonly TaskOrder[] = ['id', 'created', 'updated', 'due_date'];

export function parseTaskFilter(params: URLSearchParams, listId: string | null): TaskFilter {
  const orderBy = (params.get('order_by') || 'created') as TaskOrder;
  if (!ORDERS.includes(orderBy)) throw Errors.badInput('order_by must be one of id, created, updated, due_date');
  const parent = params.get('parent') || null;
  return {
    listId,
    includeTiml: boolParam(params, 'include_timl', false),
    archived: boolParam(params, 'archived', false),
    includeClosed: boolParam(params, 'include_closed', false),
    // Asking for the children of a parent implies subtasks.
    subtasks: parent !== null || boolParam(params, 'subtasks', false),
    statuses: arrayParam(params, 'statuses').map((s) => s.toLowerCase()),
    assignees: intList(arrayParam(params, 'assignees'), 'assignees'),
    watchers: intList(arrayParam(params, 'watchers'), 'watchers'),
    tags: arrayParam(params, 'tags').map((t) => t.toLowerCase()),
    spaceIds: arrayParam(params, 'space_ids'),
    folderIds: arrayParam(params, 'project_ids'),
    listIds: arrayParam(params, 'list_ids'),
    parent,
    dateCreatedGt: msParam(params, 'date_created_gt'),
    dateCreatedLt: msParam(params, 'date_created_lt'),
    dateUpdatedGt: msParam(params, 'date_updated_gt'),
    dateUpdatedLt: msParam(params, 'date_updated_lt'),
    dateDoneGt: msParam(params, 'date_done_gt'),
    dateDoneLt: msParam(params, 'date_done_lt'),
    dueDateGt: msParam(params, 'due_date_gt'),
    dueDateLt: msParam(params, 'due_date_lt'),
    customItems: intList(arrayParam(params, 'custom_items'), 'custom_items'),
    orderBy,
    reverse: boolParam(params, 'reverse', false),
  };
}

export function pageParam(params: URLSearchParams): number {
  const raw = params.get('page');
  if (raw === null || raw === '') return 0;
  const page = Number(raw);
  if (!Number.isInteger(page) || page < 0) throw Errors.badInput('page must be a non-negative integer');
  return page;
}
