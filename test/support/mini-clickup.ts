import { FakeClickupServer, FakeHandler, json } from '../clickup/fake-clickup.server';
import { rawFolder, rawSpace, rawTask, rawTeam, rawTimeEntry } from '../../src/clickup/testing/clickup-fixtures';

type Json = Record<string, unknown>;

export const MINI = { team: '9015000001', space: '90150000001', folder: '90150000010', list: '901500000100' } as const;

/**
 * A one-space, one-folder, one-list ClickUp on the scripted fake server, built from the client's
 * raw fixtures, for sync tests that need ClickUp to send something our sandbox never would (a
 * fractional estimate, duplicate ids, a refused token). Each part can be replaced per test.
 */
export interface MiniWorkspace {
  team?: Json;
  teamHandler?: FakeHandler;
  planHandler?: FakeHandler;
  spaces?: unknown[];
  archivedSpaces?: unknown[];
  folders?: unknown[];
  tasks?: unknown[];
  entries?: Json[];
}

export function serveMiniWorkspace(server: FakeClickupServer, w: MiniWorkspace = {}): void {
  const archived = (q: URLSearchParams) => q.get('archived') === 'true';
  server.route('GET', '/team', w.teamHandler ?? json(200, { teams: [w.team ?? rawTeam()] }));
  server.route('GET', `/team/${MINI.team}/plan`, w.planHandler ?? json(200, { plan_name: 'Business', plan_id: 3 }));
  server.route('GET', `/team/${MINI.team}/space`, (req, res, raw) =>
    json(200, { spaces: archived(req.query) ? (w.archivedSpaces ?? []) : (w.spaces ?? [rawSpace()]) })(req, res, raw),
  );
  server.route('GET', `/space/${MINI.space}/folder`, (req, res, raw) =>
    json(200, { folders: archived(req.query) ? [] : (w.folders ?? [rawFolder()]) })(req, res, raw),
  );
  server.route('GET', `/space/${MINI.space}/list`, json(200, { lists: [] }));
  server.route('GET', `/folder/${MINI.folder}/list`, json(200, { lists: [] }));
  server.route('GET', `/team/${MINI.team}/task`, (req, res, raw) =>
    json(200, { tasks: archived(req.query) ? [] : (w.tasks ?? [rawTask()]) })(req, res, raw),
  );
  server.route('GET', `/team/${MINI.team}/time_entries`, (req, res, raw) => {
    // Like ClickUp: entries of the asked users whose start lies in [start_date, end_date].
    const from = Number(req.query.get('start_date') ?? 0);
    const to = Number(req.query.get('end_date') ?? Number.MAX_SAFE_INTEGER);
    const users = (req.query.get('assignee') ?? '').split(',').filter(Boolean).map(Number);
    const data = (w.entries ?? [rawTimeEntry()]).filter((e) => {
      const start = Number(e.start);
      const user = Number((e.user as Json | undefined)?.id);
      return start >= from && start <= to && users.includes(user);
    });
    void json(200, { data })(req, res, raw);
  });
}
