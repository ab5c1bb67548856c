import { RouteRequest, ok } from '../http/http-types';
import { Router } from '../http/router';
import { TimeEntryRecord } from '../model/sandbox-entities';
import { ensureTimeEntryTag } from '../mutations/time-entry-mutations';
import { boolParam, msParam } from '../query/task-filter';
import { TimeEntryLocation, queryTimeEntries } from '../query/time-entry-query';
import { serializeTimeEntry, serializeTimerResponse } from '../serializers/time-entry.serializer';
import { Errors } from '../store/sandbox-error';
import { RouteContext } from './route-context';
import { bodyObject, optBool, optNumber, optString, requireTeam, resolveTask } from './route-helpers';

const THIRTY_DAYS = 30 * 86_400_000;

/**
 * Time tracking (clickup-api.md §8): the list defaults to the caller and the last 30 days,
 * filters on the entry's start, has no pagination, and only owners/admins may read or write
 * other people's entries.
 */
export function registerTimeEntryRoutes(router: Router, ctx: RouteContext): void {
  const { store } = ctx;
  const isAdmin = (req: RouteRequest) => req.caller.member.role <= 2;
  const requireSelfOrAdmin = (req: RouteRequest, userId: number) => {
    if (userId !== req.caller.userId && !isAdmin(req)) throw Errors.adminOnlyTimeEntries();
  };
  const entryOf = (req: RouteRequest): TimeEntryRecord => {
    requireTeam(ctx, req, req.params.id);
    const entry = store.state.timeEntries.get(req.params.timer_id);
    if (!entry) throw Errors.timeEntryNotFound();
    requireSelfOrAdmin(req, entry.userId);
    return entry;
  };
  const includes = (req: RouteRequest) => ({
    includeLocationNames: boolParam(req.query, 'include_location_names', false),
    includeTaskTags: boolParam(req.query, 'include_task_tags', false),
  });

  router.add('GET', '/team/{id}/time_entries', (req) => {
    requireTeam(ctx, req, req.params.id);
    const q = req.query;
    const now = store.clock.now();
    const to = msParam(q, 'end_date') ?? now;
    const from = msParam(q, 'start_date') ?? now - THIRTY_DAYS;
    const assignee = q.get('assignee');
    const userIds = assignee ? assignee.split(',').map((v) => Number(v.trim())) : [req.caller.userId];
    if (userIds.some((id) => !Number.isInteger(id))) throw Errors.badInput('assignee must be comma-separated user ids');
    for (const id of userIds) requireSelfOrAdmin(req, id);
    const locations = (['space_id', 'folder_id', 'list_id', 'task_id'] as const).filter((k) => q.get(k));
    if (locations.length > 1) {
      throw Errors.badInput('Only one of space_id, folder_id, list_id or task_id may be given', 'TIMEENTRY_015');
    }
    let location: TimeEntryLocation | null = null;
    if (locations.length === 1) {
      const key = locations[0];
      const id = key === 'task_id' ? resolveTask(ctx, req, q.get(key)!).id : q.get(key)!;
      location = { kind: key.replace('_id', '') as TimeEntryLocation['kind'], id };
    }
    const billableRaw = q.get('is_billable');
    const entries = queryTimeEntries(store, {
      from,
      to,
      userIds: new Set(userIds),
      location,
      billable: billableRaw === null ? null : boolParam(q, 'is_billable', false),
    });
    const opts = includes(req);
    return ok({ data: entries.map((e) => serializeTimeEntry(store, e, opts)) });
  });

  router.add('POST', '/team/{id}/time_entries', (req) => {
    requireTeam(ctx, req, req.params.id);
    const b = bodyObject(req);
    const start = optNumber(b, 'start');
    if (start === undefined) throw Errors.badInput('Start is required', 'TIMEENTRY_001');
    const userId = optNumber(b, 'assignee') ?? req.caller.userId;
    requireSelfOrAdmin(req, userId);
    const tid = optString(b, 'tid');
    const end = optNumber(b, 'end') ?? optNumber(b, 'stop');
    const entry = store.mutations.addTimeEntry(
      {
        userId,
        taskId: tid ? resolveTask(ctx, req, tid).id : null,
        start,
        ...(end !== undefined ? { end } : { duration: optNumber(b, 'duration') }),
        billable: optBool(b, 'billable'),
        description: optString(b, 'description'),
        tags: tagNames(ctx, b.tags, req.caller.userId),
      },
      req.caller.userId,
    );
    return ok({ data: serializeTimeEntry(store, entry, includes(req)) });
  });

  router.add('GET', '/team/{id}/time_entries/current', (req) => {
    requireTeam(ctx, req, req.params.id);
    const assignee = optNumber({ a: req.query.get('assignee') ?? undefined }, 'a') ?? req.caller.userId;
    requireSelfOrAdmin(req, assignee);
    const runningId = store.state.timeEntries.runningIdFor(assignee);
    const entry = runningId ? store.state.timeEntries.get(runningId) : undefined;
    return ok({ data: entry ? serializeTimerResponse(store, entry, 'running') : null });
  });

  router.add('POST', '/team/{id}/time_entries/start', (req) => {
    requireTeam(ctx, req, req.params.id);
    const b = bodyObject(req);
    const tid = optString(b, 'tid');
    const entry = store.mutations.startTimer(req.caller.userId, {
      taskId: tid ? resolveTask(ctx, req, tid).id : null,
      description: optString(b, 'description'),
      billable: optBool(b, 'billable'),
      tags: tagNames(ctx, b.tags, req.caller.userId),
    });
    return ok({ data: serializeTimerResponse(store, entry, 'running') });
  });

  router.add('POST', '/team/{id}/time_entries/stop', (req) => {
    requireTeam(ctx, req, req.params.id);
    const entry = store.mutations.stopTimer(req.caller.userId);
    return ok({ data: serializeTimerResponse(store, entry, 'stopped') });
  });

  router.add('GET', '/team/{id}/time_entries/tags', (req) => {
    requireTeam(ctx, req, req.params.id);
    return ok({
      data: [...store.state.timeEntryTags.values()].map((t) => ({ name: t.name, tag_fg: t.tagFg, tag_bg: t.tagBg, creator: t.creator })),
    });
  });

  router.add('GET', '/team/{id}/time_entries/{timer_id}', (req) => ok({ data: serializeTimeEntry(store, entryOf(req), includes(req)) }));

  router.add('PUT', '/team/{id}/time_entries/{timer_id}', (req) => {
    const entry = entryOf(req);
    const b = bodyObject(req);
    const tagAction = optString(b, 'tag_action');
    if (tagAction !== undefined && !['replace', 'add', 'remove'].includes(tagAction)) {
      throw Errors.badInput('tag_action must be replace, add or remove');
    }
    const tid = b.tid === null ? null : optString(b, 'tid');
    const updated = store.mutations.editTimeEntry(
      entry.id,
      {
        start: optNumber(b, 'start'),
        end: optNumber(b, 'end'),
        duration: optNumber(b, 'duration'),
        description: optString(b, 'description'),
        billable: optBool(b, 'billable'),
        taskId: tid === undefined ? undefined : tid === null ? null : resolveTask(ctx, req, tid).id,
        tags: tagNames(ctx, b.tags, req.caller.userId),
        tagAction: tagAction as 'replace' | 'add' | 'remove' | undefined,
      },
      req.caller.userId,
    );
    return ok({ data: serializeTimeEntry(store, updated, includes(req)) });
  });

  router.add('DELETE', '/team/{id}/time_entries/{timer_id}', (req) => {
    const entry = entryOf(req);
    const removed = store.mutations.deleteTimeEntry(entry.id, req.caller.userId);
    return ok({ data: serializeTimerResponse(store, removed, 'stopped') });
  });
}

/** Tags arrive as `[{name, tag_fg, tag_bg}]` (or plain names); new names are registered with their colors. */
function tagNames(ctx: RouteContext, value: unknown, creator: number): string[] | undefined {
  if (value === undefined) return undefined;
  if (!Array.isArray(value)) throw Errors.badInput('tags must be an array');
  return value.map((t) => {
    const tag = typeof t === 'string' ? { name: t } : (t as { name?: unknown; tag_fg?: unknown; tag_bg?: unknown });
    if (typeof tag?.name !== 'string' || !tag.name.trim()) throw Errors.badInput('every tag needs a name');
    const name = tag.name.trim();
    ensureTimeEntryTag(ctx.store, name, creator, {
      tagFg: typeof tag.tag_fg === 'string' ? tag.tag_fg : undefined,
      tagBg: typeof tag.tag_bg === 'string' ? tag.tag_bg : undefined,
    });
    return name;
  });
}
