import { ok } from '../http/http-types';
import { Router } from '../http/router';
import { boolParam } from '../query/task-filter';
import { serializeFolder, serializeList, serializeSpace } from '../serializers/hierarchy.serializer';
import { shortUser, teamMember } from '../serializers/user.serializer';
import { RouteContext } from './route-context';
import { requireMember, requireTeam } from './route-helpers';

/**
 * Workspace and hierarchy reads. `archived=true` returns ONLY archived items and the default
 * returns only active ones, as in ClickUp, so a full sync needs both passes.
 */
export function registerHierarchyRoutes(router: Router, ctx: RouteContext): void {
  const { store } = ctx;
  const archivedParam = (q: URLSearchParams) => boolParam(q, 'archived', false);

  router.add('GET', '/team', (req) => {
    // Someone removed from the workspace still authenticates, but sees no workspace.
    if (!store.isActiveMember(req.caller.userId)) return ok({ teams: [] });
    const w = store.state.workspace;
    const members = store.currentMembers().map((m) => teamMember(store, m));
    return ok({ teams: [{ id: w.id, name: w.name, color: w.color, avatar: w.avatar, members }] });
  });

  router.add('GET', '/user', (req) => {
    // The authorized user: the short user shape plus the account settings GET /user adds.
    return ok({ user: { ...shortUser(req.caller.member), week_start_day: 1, global_font_support: false, timezone: 'Etc/UTC' } });
  });

  router.add('GET', '/team/{id}/plan', (req) => {
    requireTeam(ctx, req, req.params.id);
    return ok({ plan_name: store.state.workspace.planName, plan_id: store.state.workspace.planId });
  });

  router.add('GET', '/team/{id}/space', (req) => {
    requireTeam(ctx, req, req.params.id);
    const archived = archivedParam(req.query);
    const spaces = [...store.state.spaces.values()].filter((s) => s.archived === archived);
    return ok({ spaces: spaces.map((s) => serializeSpace(store, s)) });
  });

  router.add('GET', '/space/{id}', (req) => {
    requireMember(ctx, req);
    return ok(serializeSpace(store, store.requireSpace(req.params.id)));
  });

  router.add('GET', '/space/{id}/folder', (req) => {
    requireMember(ctx, req);
    const space = store.requireSpace(req.params.id);
    const archived = archivedParam(req.query);
    const folders = [...store.state.folders.values()].filter((f) => f.spaceId === space.id && f.archived === archived);
    return ok({ folders: folders.map((f) => serializeFolder(store, f)) });
  });

  router.add('GET', '/space/{id}/list', (req) => {
    requireMember(ctx, req);
    const space = store.requireSpace(req.params.id);
    const archived = archivedParam(req.query);
    const lists = [...store.state.lists.values()].filter((l) => l.spaceId === space.id && l.folderId === null && l.archived === archived);
    return ok({ lists: lists.map((l) => serializeList(store, l)) });
  });

  router.add('GET', '/folder/{id}', (req) => {
    requireMember(ctx, req);
    return ok(serializeFolder(store, store.requireFolder(req.params.id)));
  });

  router.add('GET', '/folder/{id}/list', (req) => {
    requireMember(ctx, req);
    const folder = store.requireFolder(req.params.id);
    const archived = archivedParam(req.query);
    const lists = [...store.state.lists.values()].filter((l) => l.folderId === folder.id && l.archived === archived);
    return ok({ lists: lists.map((l) => serializeList(store, l)) });
  });

  router.add('GET', '/list/{id}', (req) => {
    requireMember(ctx, req);
    return ok(serializeList(store, store.requireList(req.params.id), true));
  });

  router.add('GET', '/list/{id}/member', (req) => {
    requireMember(ctx, req);
    store.requireList(req.params.id);
    const members = store.currentMembers().filter((m) => m.status === 'active');
    return ok({
      members: members.map((m) => shortUser(m)),
    });
  });
}
