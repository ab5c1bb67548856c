import { RouteRequest, ok } from '../http/http-types';
import { Router } from '../http/router';
import { TaskPatch } from '../mutations/task-mutations';
import { boolParam, pageParam, parseTaskFilter } from '../query/task-filter';
import { serializeTask } from '../serializers/task.serializer';
import { Errors, WriteErrors } from '../store/sandbox-error';
import { RouteContext } from './route-context';
import { bodyObject, optBool, optIntArray, optNumber, optString, optStringArray, requireMember, requireTeam, resolveTask } from './route-helpers';

/** Task reads and writes; all writes go through store.mutations like in-process changes do. */
export function registerTaskRoutes(router: Router, ctx: RouteContext): void {
  const { store } = ctx;
  const markdown = (req: RouteRequest) => boolParam(req.query, 'include_markdown_description', false);

  router.add('GET', '/team/{id}/task', (req) => {
    requireTeam(ctx, req, req.params.id);
    // The spec's response has only `tasks`; paging ends on a short page.
    const { tasks } = ctx.tasks.page(parseTaskFilter(req.query, null), pageParam(req.query));
    return ok({ tasks: tasks.map((t) => serializeTask(store, t, { markdown: markdown(req) })) });
  });

  router.add('GET', '/list/{id}/task', (req) => {
    requireMember(ctx, req);
    const list = store.requireList(req.params.id);
    const { tasks, lastPage } = ctx.tasks.page(parseTaskFilter(req.query, list.id), pageParam(req.query));
    return ok({ tasks: tasks.map((t) => serializeTask(store, t, { markdown: markdown(req) })), last_page: lastPage });
  });

  router.add('GET', '/task/{id}', (req) => {
    const task = resolveTask(ctx, req, req.params.id);
    const body: Record<string, unknown> = { ...serializeTask(store, task, { markdown: markdown(req) }), attachments: [] };
    if (boolParam(req.query, 'include_subtasks', false)) {
      body.subtasks = store.descendants(task.id).map((t) => serializeTask(store, t, { markdown: markdown(req) }));
    }
    return ok(body);
  });

  router.add('POST', '/list/{id}/task', (req) => {
    requireMember(ctx, req);
    const list = store.requireList(req.params.id);
    const b = bodyObject(req);
    const name = optString(b, 'name');
    if (name === undefined) throw WriteErrors.nameRequired();
    const description = optString(b, 'markdown_content') ?? optString(b, 'description');
    const parentRaw = b.parent;
    if (parentRaw != null && typeof parentRaw !== 'string') throw Errors.badInput('parent must be a task id');
    const parentId = parentRaw ? resolveTask(ctx, req, parentRaw as string).id : null;
    const customFields = b.custom_fields;
    if (customFields !== undefined && !Array.isArray(customFields)) throw Errors.badInput('custom_fields must be an array');
    const task = store.mutations.createTask(
      {
        listId: list.id,
        name,
        description,
        status: optString(b, 'status'),
        priority: optNumber(b, 'priority', true),
        assigneeIds: optIntArray(b.assignees, 'assignees'),
        tags: optStringArray(b.tags, 'tags'),
        dueDate: optNumber(b, 'due_date', true),
        dueDateTime: optBool(b, 'due_date_time'),
        startDate: optNumber(b, 'start_date', true),
        startDateTime: optBool(b, 'start_date_time'),
        timeEstimate: optNumber(b, 'time_estimate', true),
        points: optNumber(b, 'points', true),
        parentId,
        archived: optBool(b, 'archived'),
        customFields: (customFields as { id: unknown; value: unknown }[] | undefined)?.map((cf) => ({
          id: String(cf.id),
          value: cf.value,
        })),
      },
      req.caller.userId,
    );
    return ok(serializeTask(store, task));
  });

  router.add('PUT', '/task/{id}', (req) => {
    const task = resolveTask(ctx, req, req.params.id);
    const b = bodyObject(req);
    const patch: TaskPatch = {
      name: optString(b, 'name'),
      description: optString(b, 'markdown_content') ?? optString(b, 'description'),
      status: optString(b, 'status'),
      priority: optNumber(b, 'priority', true),
      dueDate: optNumber(b, 'due_date', true),
      dueDateTime: optBool(b, 'due_date_time'),
      startDate: optNumber(b, 'start_date', true),
      startDateTime: optBool(b, 'start_date_time'),
      timeEstimate: optNumber(b, 'time_estimate', true),
      points: optNumber(b, 'points', true),
      archived: optBool(b, 'archived'),
      assignees: addRemove(b.assignees, 'assignees'),
      watchers: addRemove(b.watchers, 'watchers'),
    };
    // `parent: null` is accepted and ignored: ClickUp does not promote a subtask that way.
    if (typeof b.parent === 'string') patch.parentId = resolveTask(ctx, req, b.parent).id;
    return ok(serializeTask(store, store.mutations.updateTask(task.id, patch, req.caller.userId)));
  });

  router.add('DELETE', '/task/{id}', (req) => {
    const task = resolveTask(ctx, req, req.params.id);
    store.mutations.deleteTask(task.id, req.caller.userId);
    return { status: 204 };
  });

  router.add('POST', '/list/{id}/task/{task_id}', (req) => {
    const list = store.requireList(req.params.id);
    const task = resolveTask(ctx, req, req.params.task_id);
    store.mutations.addTaskToList(task.id, list.id, req.caller.userId);
    return ok({});
  });

  router.add('DELETE', '/list/{id}/task/{task_id}', (req) => {
    const list = store.requireList(req.params.id);
    const task = resolveTask(ctx, req, req.params.task_id);
    store.mutations.removeTaskFromList(task.id, list.id, req.caller.userId);
    return ok({});
  });

  router.add('POST', '/task/{id}/dependency', (req) => {
    const task = resolveTask(ctx, req, req.params.id);
    const b = bodyObject(req);
    const dependsOn = optString(b, 'depends_on');
    const dependencyOf = optString(b, 'dependency_of');
    requireOneDependencySide(dependsOn, dependencyOf);
    if (dependsOn) store.mutations.addDependency(task.id, resolveTask(ctx, req, dependsOn).id, req.caller.userId);
    else store.mutations.addDependency(resolveTask(ctx, req, dependencyOf!).id, task.id, req.caller.userId);
    return ok({});
  });

  router.add('DELETE', '/task/{id}/dependency', (req) => {
    const task = resolveTask(ctx, req, req.params.id);
    const dependsOn = req.query.get('depends_on');
    const dependencyOf = req.query.get('dependency_of');
    requireOneDependencySide(dependsOn, dependencyOf);
    if (dependsOn) store.mutations.removeDependency(task.id, dependsOn, req.caller.userId);
    else store.mutations.removeDependency(dependencyOf!, task.id, req.caller.userId);
    return ok({});
  });

  router.add('POST', '/task/{id}/tag/{tag}', (req) => {
    const task = resolveTask(ctx, req, req.params.id);
    store.mutations.addTag(task.id, req.params.tag, req.caller.userId);
    return ok({});
  });

  router.add('DELETE', '/task/{id}/tag/{tag}', (req) => {
    const task = resolveTask(ctx, req, req.params.id);
    store.mutations.removeTag(task.id, req.params.tag, req.caller.userId);
    return ok({});
  });
}

function requireOneDependencySide(dependsOn: string | null | undefined, dependencyOf: string | null | undefined): void {
  if (Boolean(dependsOn) === Boolean(dependencyOf)) throw Errors.badInput('Send exactly one of depends_on or dependency_of', 'DEPEND_001');
}

function addRemove(value: unknown, key: string): { add?: number[]; rem?: number[] } | undefined {
  if (value === undefined) return undefined;
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw Errors.badInput(`${key} must be {add: [...], rem: [...]}`);
  }
  const v = value as Record<string, unknown>;
  return { add: optIntArray(v.add, `${key}.add`), rem: optIntArray(v.rem, `${key}.rem`) };
}
