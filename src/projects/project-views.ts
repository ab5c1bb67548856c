import { duration } from '../common/time/duration';
import { RegistryEntryView } from '../mapping/project-registry.service';
import { ProjectStatus, Weeks } from './project-status.service';

/**
 * The JSON shapes of the registry and the dashboard, shared by the MCP tools and the REST
 * mirrors so both say the same thing in the same words.
 */

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

export function entryJson(e: RegistryEntryView) {
  return { alias: e.alias, type: e.type, id: e.id, name: e.name, location: e.location, state: e.state };
}

/** What changed since the entry's last check (for refresh_projects). */
export function checkJson(e: RegistryEntryView) {
  return { ...entryJson(e), changes: e.check.changes, renamed: e.check.renamed, moved: e.check.moved, archived: e.check.archived };
}

export function weeksJson(w: Weeks) {
  return { this_week: w.thisWeek.label, last_week: w.lastWeek.label };
}

export function statusJson(s: ProjectStatus) {
  return {
    project: {
      alias: s.project.alias,
      type: s.project.type,
      id: s.project.id,
      name: s.project.name,
      location: s.project.location,
      archived: s.project.archived,
    },
    progress_pct: s.progressPct,
    tasks: { total: s.tasks.total, not_started: s.tasks.not_started, active: s.tasks.active, done: s.tasks.done, closed: s.tasks.closed },
    overdue: s.overdue,
    health: { score: s.health.score, grade: s.health.grade, components: s.health.components, recommendations: s.health.recommendations },
    time_logged: { this_week: duration(s.thisWeekMs), last_week: duration(s.lastWeekMs) },
    last_activity: iso(s.lastActivity),
  };
}

/** One dashboard row per project, as a table: 50 projects fit a small model's result budget. */
export const DASHBOARD_COLUMNS = [
  'alias',
  'type',
  'grade',
  'score',
  'progress_pct',
  'not_started',
  'active',
  'done',
  'closed',
  'overdue',
  'this_week_ms',
  'last_week_ms',
  'last_activity',
] as const;

export function dashboardRow(s: ProjectStatus): (string | number | null)[] {
  return [
    s.project.alias ?? s.project.name,
    s.project.type,
    s.health.grade,
    s.health.score,
    s.progressPct,
    s.tasks.not_started,
    s.tasks.active,
    s.tasks.done,
    s.tasks.closed,
    s.overdue,
    s.thisWeekMs,
    s.lastWeekMs,
    iso(s.lastActivity),
  ];
}

export { iso };
