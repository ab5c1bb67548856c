import { TaskRecord } from '../model/sandbox-entities';
import { Errors } from '../store/sandbox-error';
import { boolParam } from '../query/task-filter';
import { RouteRequest } from '../http/http-types';
import { RouteContext } from './route-context';

/** Every workspace-scoped route: only a current (active) member gets in. */
export function requireMember(ctx: RouteContext, req: RouteRequest): void {
  if (!ctx.store.isActiveMember(req.caller.userId)) throw Errors.teamNotAuthorized();
}

/** `/team/{id}/…`: a wrong workspace id is ClickUp's 401 "Team not authorized". */
export function requireTeam(ctx: RouteContext, req: RouteRequest, teamId: string): void {
  if (teamId !== ctx.store.workspaceId) throw Errors.teamNotAuthorized();
  requireMember(ctx, req);
}

const CUSTOM_ID_SHAPE = /^[A-Za-z][A-Za-z0-9]*-\d+$/;

/**
 * Finds the task a route's `{task_id}` (or a body's `tid`) names, with ClickUp's custom task id
 * rules and its misleading errors: a custom id needs `custom_task_ids=true&team_id=<workspace>`;
 * a missing or wrong pair, a custom id sent without the flag, or an id that never existed all get
 * 401 "Team not authorized"; a normal id sent with the flag is 400 "Task ID invalid"; a task that
 * was deleted is 404 "Task not found".
 */
export function resolveTask(ctx: RouteContext, req: RouteRequest, rawId: string): TaskRecord {
  requireMember(ctx, req);
  const store = ctx.store;
  if (boolParam(req.query, 'custom_task_ids', false)) {
    if (req.query.get('team_id') !== store.workspaceId) throw Errors.teamNotAuthorized();
    const task = store.taskByCustomId(rawId);
    if (task) return task;
    if (!CUSTOM_ID_SHAPE.test(rawId)) throw Errors.taskIdInvalid();
    throw Errors.taskNotFound();
  }
  const task = store.task(rawId);
  if (task) return task;
  if (store.state.deletedTaskIds.has(rawId)) throw Errors.taskNotFound();
  throw Errors.teamNotAuthorized();
}

/** The JSON body as an object (ClickUp answers 400 for anything else). */
export function bodyObject(req: RouteRequest): Record<string, unknown> {
  const body = req.body ?? {};
  if (typeof body !== 'object' || Array.isArray(body)) throw Errors.badInput('Request body must be a JSON object');
  return body as Record<string, unknown>;
}

type Body = Record<string, unknown>;

export function optString(body: Body, key: string): string | undefined {
  const v = body[key];
  if (v === undefined) return undefined;
  if (typeof v !== 'string') throw Errors.badInput(`${key} must be a string`);
  return v;
}

export function optBool(body: Body, key: string): boolean | undefined {
  const v = body[key];
  if (v === undefined) return undefined;
  if (typeof v !== 'boolean') throw Errors.badInput(`${key} must be a boolean`);
  return v;
}

/** A number, or a numeric string (ClickUp is lenient with both); null when allowed. */
export function optNumber(body: Body, key: string, nullable: true): number | null | undefined;
export function optNumber(body: Body, key: string, nullable?: false): number | undefined;
export function optNumber(body: Body, key: string, nullable = false): number | null | undefined {
  const v = body[key];
  if (v === undefined) return undefined;
  if (v === null && nullable) return null;
  const n = typeof v === 'string' && v.trim() !== '' ? Number(v) : v;
  if (typeof n !== 'number' || !Number.isFinite(n)) throw Errors.badInput(`${key} must be a number`);
  return n;
}

export function optIntArray(value: unknown, key: string): number[] | undefined {
  if (value === undefined) return undefined;
  if (!Array.isArray(value) || value.some((v) => !Number.isInteger(typeof v === 'string' ? Number(v) : v))) {
    throw Errors.badInput(`${key} must be an array of user ids`);
  }
  return value.map((v) => Number(v));
}

export function optStringArray(value: unknown, key: string): string[] | undefined {
  if (value === undefined) return undefined;
  if (!Array.isArray(value) || value.some((v) => typeof v !== 'string')) throw Errors.badInput(`${key} must be an array of strings`);
  return value as string[];
}
