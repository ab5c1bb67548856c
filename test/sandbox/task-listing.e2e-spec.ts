import { GENERATOR_SIZES } from '../../src/sandbox/generator/generator-size';
import { SandboxServer } from '../../src/sandbox/sandbox-server';
import { SandboxStore } from '../../src/sandbox/sandbox-store';
import { allTaskPages, qs, SandboxClient, TEST_NOW } from './support/sandbox-client';

const ALL = { subtasks: true, include_closed: true };

function visibleOnTeamEndpoint(store: SandboxStore, archived = false) {
  return [...store.state.tasks.values()].filter((t) => !store.isInArchivedContainer(t.listId) && t.archived === archived);
}

describe('sandbox: task listings', () => {
  let server: SandboxServer;
  let api: SandboxClient;
  let store: SandboxStore;
  let teamTasks: string;

  beforeAll(async () => {
    server = await SandboxServer.start({ size: { ...GENERATOR_SIZES.tiny, name: 'paging', tasks: 350 }, now: TEST_NOW, rateLimitPerMinute: 0 });
    api = SandboxClient.api(server);
    store = server.store;
    teamTasks = `/team/${store.workspaceId}/task`;
  });
  afterAll(() => server.close());

  describe('paging', () => {
    it('pages the team endpoint from 0 with 100 tasks per page and a short last page', async () => {
      const expected = visibleOnTeamEndpoint(store).length;
      expect(expected).toBeGreaterThan(200);
      const sizes: number[] = [];
      const ids: string[] = [];
      for (let page = 0; ; page++) {
        const res = await api.get(teamTasks + qs({ ...ALL, page }));
        expect(res.status).toBe(200);
        expect(res.body.last_page).toBeUndefined();
        sizes.push(res.body.tasks.length);
        ids.push(...res.body.tasks.map((t: any) => t.id));
        if (res.body.tasks.length < 100) break;
      }
      expect(sizes.slice(0, -1).every((n) => n === 100)).toBe(true);
      expect(sizes[sizes.length - 1]).toBe(expected % 100);
      expect(new Set(ids).size).toBe(expected);
      expect((await api.get(teamTasks + qs({ ...ALL, page: sizes.length + 3 }))).body.tasks).toEqual([]);
    });

    it('reports last_page on the list endpoint', async () => {
      const listId = [...store.state.lists.values()].find((l) => l.name === 'Mobile Roadmap')!.id;
      for (let i = 0; i < 120; i++) store.mutations.createTask({ listId, name: `Roadmap item ${i}` });
      const total = [...store.state.tasks.values()].filter((t) => t.listId === listId && !t.archived).length;
      expect(total).toBeGreaterThan(100);
      const first = await api.get(`/list/${listId}/task` + qs({ ...ALL, page: 0 }));
      expect(first.body.tasks).toHaveLength(100);
      expect(first.body.last_page).toBe(false);
      const pages = Math.ceil(total / 100);
      const last = await api.get(`/list/${listId}/task` + qs({ ...ALL, page: pages - 1 }));
      expect(last.body.last_page).toBe(true);
      expect(last.body.tasks.length).toBe(total - (pages - 1) * 100);
    });

    it('rejects a negative page', async () => {
      expect((await api.get(teamTasks + '?page=-1')).status).toBe(400);
    });
  });

  describe('default exclusions', () => {
    it('leaves out subtasks, closed tasks and archived tasks unless asked', async () => {
      const defaults = await allTaskPages(api, teamTasks);
      expect(defaults.every((t) => t.parent === null && t.status.type !== 'closed' && t.archived === false)).toBe(true);
      const withSubtasks = await allTaskPages(api, teamTasks, { subtasks: true });
      expect(withSubtasks.some((t) => t.parent !== null)).toBe(true);
      expect(withSubtasks.every((t) => t.status.type !== 'closed')).toBe(true);
      const withClosed = await allTaskPages(api, teamTasks, { include_closed: true });
      expect(withClosed.some((t) => t.status.type === 'closed')).toBe(true);
      expect(withClosed.every((t) => t.parent === null)).toBe(true);
    });

    it('returns ONLY archived tasks with archived=true', async () => {
      const archived = await allTaskPages(api, teamTasks, { ...ALL, archived: true });
      expect(archived.length).toBe(visibleOnTeamEndpoint(store, true).length);
      expect(archived.length).toBeGreaterThan(0);
      expect(archived.every((t) => t.archived === true)).toBe(true);
    });
  });

  describe('archived containers', () => {
    it('hides tasks of archived lists, folders and spaces on the team endpoint, but the list endpoint serves them', async () => {
      const hiddenIds = new Set([...store.state.tasks.values()].filter((t) => store.isInArchivedContainer(t.listId)).map((t) => t.id));
      expect(hiddenIds.size).toBeGreaterThan(0);
      const team = [...(await allTaskPages(api, teamTasks, ALL)), ...(await allTaskPages(api, teamTasks, { ...ALL, archived: true }))];
      expect(team.filter((t) => hiddenIds.has(t.id))).toEqual([]);

      const archivedList = [...store.state.lists.values()].find((l) => l.name === 'v1 Release')!;
      const viaList = await allTaskPages(api, `/list/${archivedList.id}/task`, ALL);
      expect(viaList.length).toBeGreaterThan(0);
      expect(viaList.every((t) => t.list.id === archivedList.id)).toBe(true);
    });

    it("hides a list's tasks as soon as the list is archived, without touching their date_updated", async () => {
      const list = [...store.state.lists.values()].find((l) => l.name === 'Ops Inbox')!;
      const before = (await allTaskPages(api, teamTasks, ALL)).filter((t) => t.list.id === list.id);
      expect(before.length).toBeGreaterThan(0);
      store.mutations.archiveList(list.id);
      try {
        const after = (await allTaskPages(api, teamTasks, ALL)).filter((t) => t.list.id === list.id);
        expect(after).toEqual([]);
        const direct = await allTaskPages(api, `/list/${list.id}/task`, ALL);
        expect(direct.map((t) => [t.id, t.date_updated])).toEqual(before.map((t) => [t.id, t.date_updated]));
      } finally {
        store.mutations.archiveList(list.id, false);
      }
    });
  });

  describe('filters', () => {
    let everything: any[];
    beforeAll(async () => {
      everything = await allTaskPages(api, teamTasks, ALL);
    });

    it('filters by statuses in both the bracket and the plain form, case-insensitively', async () => {
      const bracket = await allTaskPages(api, teamTasks, { ...ALL, statuses: ['in progress', 'QA'] });
      expect(bracket.length).toBeGreaterThan(0);
      expect(bracket.every((t) => ['in progress', 'qa'].includes(t.status.status))).toBe(true);
      expect(bracket.length).toBe(everything.filter((t) => ['in progress', 'qa'].includes(t.status.status)).length);
      const plain = await api.get(`${teamTasks}?subtasks=true&include_closed=true&statuses=in%20progress&statuses=qa`);
      expect(plain.body.tasks.map((t: any) => t.id).sort()).toEqual(bracket.map((t) => t.id).sort());
    });

    it('returns a closed status named explicitly even without include_closed', async () => {
      const res = await allTaskPages(api, teamTasks, { subtasks: true, statuses: ['cancelled'] });
      expect(res.length).toBeGreaterThan(0);
      expect(res.every((t) => t.status.status === 'cancelled')).toBe(true);
    });

    it('filters by assignees, tags, spaces, folders (hidden folder included) and lists', async () => {
      const someone = everything.find((t) => t.assignees.length > 0).assignees[0].id;
      const byAssignee = await allTaskPages(api, teamTasks, { ...ALL, assignees: [someone] });
      expect(byAssignee.length).toBe(everything.filter((t) => t.assignees.some((a: any) => a.id === someone)).length);

      const tagged = everything.find((t) => t.tags.length > 0).tags[0].name;
      const byTag = await allTaskPages(api, teamTasks, { ...ALL, tags: [tagged] });
      expect(byTag.length).toBe(everything.filter((t) => t.tags.some((g: any) => g.name === tagged)).length);

      const spaceId = everything[0].space.id;
      const bySpace = await allTaskPages(api, teamTasks, { ...ALL, space_ids: [spaceId] });
      expect(bySpace.length).toBe(everything.filter((t) => t.space.id === spaceId).length);

      const hidden = everything.find((t) => t.folder.hidden);
      const byHiddenFolder = await allTaskPages(api, teamTasks, { ...ALL, project_ids: [hidden.folder.id] });
      expect(byHiddenFolder.length).toBe(everything.filter((t) => t.folder.id === hidden.folder.id).length);

      const listId = everything[0].list.id;
      const byList = await allTaskPages(api, teamTasks, { ...ALL, list_ids: [listId] });
      expect(byList.length).toBe(everything.filter((t) => t.list.id === listId).length);
    });

    it('returns the children of a parent', async () => {
      const child = everything.find((t) => t.parent !== null);
      const res = await allTaskPages(api, teamTasks, { include_closed: true, parent: child.parent });
      expect(res.length).toBeGreaterThan(0);
      expect(res.every((t) => t.parent === child.parent)).toBe(true);
    });

    it('applies date filters, with date_updated_gt inclusive like ClickUp and the others strict', async () => {
      const sorted = everything.map((t) => Number(t.date_updated)).sort((a, b) => a - b);
      const pivot = sorted[Math.floor(sorted.length / 2)];
      const gt = await allTaskPages(api, teamTasks, { ...ALL, date_updated_gt: pivot });
      expect(gt.length).toBe(sorted.filter((v) => v >= pivot).length);
      expect(gt.some((t) => Number(t.date_updated) === pivot)).toBe(true);
      const lt = await allTaskPages(api, teamTasks, { ...ALL, date_updated_lt: pivot });
      expect(lt.length).toBe(sorted.filter((v) => v < pivot).length);

      const created = Number(everything[5].date_created);
      const createdGt = await allTaskPages(api, teamTasks, { ...ALL, date_created_gt: created });
      expect(createdGt.every((t) => Number(t.date_created) > created)).toBe(true);
      expect(createdGt.length).toBe(everything.filter((t) => Number(t.date_created) > created).length);

      const done = everything.filter((t) => t.date_done !== null);
      const doneGt = await allTaskPages(api, teamTasks, { ...ALL, date_done_gt: 0 });
      expect(doneGt.length).toBe(done.length);

      const due = await allTaskPages(api, teamTasks, { ...ALL, due_date_gt: TEST_NOW, due_date_lt: TEST_NOW + 30 * 86_400_000 });
      expect(due.length).toBeGreaterThan(0);
      expect(due.every((t) => Number(t.due_date) > TEST_NOW)).toBe(true);

      const both = await allTaskPages(api, teamTasks, { ...ALL, date_created_gt: created, date_updated_gt: pivot });
      expect(both.length).toBe(everything.filter((t) => Number(t.date_created) > created && Number(t.date_updated) >= pivot).length);
    });

    it('orders by created (default, ascending), updated, id and due_date, reversed on request', async () => {
      const created = everything.map((t) => Number(t.date_created));
      expect(created).toEqual([...created].sort((a, b) => a - b));
      const updatedDesc = await allTaskPages(api, teamTasks, { ...ALL, order_by: 'updated', reverse: true });
      const u = updatedDesc.map((t) => Number(t.date_updated));
      expect(u).toEqual([...u].sort((a, b) => b - a));
      const byId = await allTaskPages(api, teamTasks, { ...ALL, order_by: 'id' });
      expect(byId.map((t) => t.id)).toEqual(byId.map((t) => t.id).sort());
      const byDue = await allTaskPages(api, teamTasks, { ...ALL, order_by: 'due_date' });
      const firstNull = byDue.findIndex((t) => t.due_date === null);
      expect(byDue.slice(firstNull).every((t) => t.due_date === null)).toBe(true);
      expect((await api.get(teamTasks + '?order_by=name')).status).toBe(400);
    });
  });

  describe('tasks in multiple lists', () => {
    it('lists only home-list tasks unless include_timl=true, and shows extra lists as locations', async () => {
      const multi = [...store.state.tasks.values()].find((t) => t.extraListIds.length > 0 && !t.archived && t.parentId === null)!;
      const extra = multi.extraListIds[0];
      const plain = await allTaskPages(api, `/list/${extra}/task`, ALL);
      expect(plain.some((t) => t.id === multi.id)).toBe(false);
      const timl = await allTaskPages(api, `/list/${extra}/task`, { ...ALL, include_timl: true });
      expect(timl.some((t) => t.id === multi.id)).toBe(true);
      const team = (await allTaskPages(api, teamTasks, ALL)).filter((t) => t.id === multi.id);
      expect(team).toHaveLength(1);
      expect(team[0].locations.map((l: any) => l.id)).toEqual(multi.extraListIds);
    });
  });

  describe('task shape', () => {
    it('uses ms strings for dates, numbers for estimates and time_spent only when time was tracked', async () => {
      const tasks = await allTaskPages(api, teamTasks, ALL);
      for (const t of tasks) {
        expect(typeof t.date_created).toBe('string');
        expect(typeof t.date_updated).toBe('string');
        expect(t.time_estimate === null || typeof t.time_estimate === 'number').toBe(true);
        expect(t.points === null || typeof t.points === 'number').toBe(true);
        const stored = store.task(t.id)!;
        if (stored.timeSpent > 0) expect(t.time_spent).toBe(stored.timeSpent);
        else expect('time_spent' in t).toBe(false);
        expect(t.url).toBe(`https://app.clickup.com/t/${t.id}`);
        expect(t.team_id).toBe(store.workspaceId);
      }
      expect(tasks.some((t) => t.priority === null)).toBe(true);
      expect(tasks.some((t) => t.priority?.priority === 'urgent' || t.priority?.id === '2')).toBe(true);
      expect(tasks.some((t) => t.custom_id === null)).toBe(true);
      expect(tasks.some((t) => /^[A-Z]+-\d+$/.test(t.custom_id ?? ''))).toBe(true);
      const sub = tasks.find((t) => t.parent !== null && store.task(t.parent)?.parentId);
      expect(sub.top_level_parent).not.toBe(sub.parent);
    });
  });
});
