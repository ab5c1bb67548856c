import { humanDuration } from '../../common/time/duration';
import { EmployeeReport, FolderReport, SpaceProjectReport, YesterdayReport } from './time-reports.schemas';
import { Timesheet } from './timesheets.schemas';
import { AtRiskReport, EstimationAccuracy, ProgressSince, TaskBreakdown, TimeTrackingReport, UntrackedReport } from './task-time.schemas';

/**
 * Short text renderings of the reports (what a model reads first, and what a lead pastes into
 * chat): names, counts and the few lines that matter; the structured result has everything.
 */

type Split = { time: { human: string }; billable: { human: string } };
const split = (x: Split) => `${x.time.human} (billable ${x.billable.human})`;
const pct = (p: number | null | undefined) => (p === null || p === undefined ? '–' : `${p}%`);
const more = (shown: number, total: number, what: string) => (total > shown ? [`… ${total - shown} more ${what}`] : []);
const footer = (o: { truncated: boolean; hint: string | null }) => (o.truncated && o.hint ? [`(${o.hint})`] : []);
const where = (s: { name: string; alias: string | null }) => (s.alias ? `${s.alias} (${s.name})` : s.name);

export function renderSpaceProjects(o: SpaceProjectReport): string {
  return [
    `Space ${where(o.space)}, ${o.period.label}: ${split(o)} on ${o.tasks_with_time} tasks.`,
    ...o.projects.map(
      (p) =>
        `- ${p.name} (${p.kind}${p.archived ? ', archived' : ''}): ${split(p)}, ${p.tasks_with_time}/${p.total_tasks} tasks, estimate ${p.estimate.human}; ${p.people.map((x) => `${x.name} ${x.time.human}`).join(', ')}`,
    ),
    ...(o.inactive_projects.length ? [`No time: ${o.inactive_projects.map((p) => p.name).join(', ')}.`] : []),
    `People: ${o.people.map((p) => `${p.name} ${p.time.human} (${pct(p.utilization_percent)})`).join(', ') || 'none'}.`,
    ...footer(o),
  ].join('\n');
}

export function renderFolder(o: FolderReport): string {
  return [
    `Folder ${where(o.folder)}, ${o.period.label}: ${split(o)} on ${o.tasks_with_time} tasks, by ${o.group_by}:`,
    ...o.groups.map(
      (g) =>
        `- ${g.name}: ${split(g)}, ${g.tasks_with_time} tasks${g.utilization_percent !== undefined ? `, utilization ${pct(g.utilization_percent)}` : ''}`,
    ),
    ...more(o.groups.length, o.groups_total, 'groups'),
    ...footer(o),
  ].join('\n');
}

export function renderEmployee(o: EmployeeReport): string {
  return [
    `Time in ${where(o.scope)}, ${o.period.label}: ${split(o)}; capacity ${o.capacity_per_person.human} per person.`,
    ...o.people.map(
      (p) =>
        `- ${p.name}${p.removed ? ' (removed)' : ''}: ${split(p)}, utilization ${pct(p.utilization_percent)}${p.running_timer ? ', timer running' : ''}; ${p.projects.map((x) => `${x.name} ${x.time.human}`).join(', ')}`,
    ),
    ...more(o.people.length, o.people_total, 'people'),
    ...(o.no_time_logged_total
      ? [
          `No time logged: ${o.no_time_logged.join(', ')}${o.no_time_logged_total > o.no_time_logged.length ? ` … (${o.no_time_logged_total} in all)` : ''}.`,
        ]
      : []),
    ...footer(o),
  ].join('\n');
}

export function renderTimesheet(o: Timesheet): string {
  const h = (s: number) => (s ? humanDuration(s * 1000) : '-');
  const head = ['Person', ...o.days.map((d) => d.slice(5)), 'Total'];
  const rows = o.rows.map((r) => [`${r.name}${r.running_timer ? ' (timer)' : ''}`, ...r.seconds.map(h), r.time.human]);
  const totals = ['All', ...o.day_totals.map(h), o.time.human];
  const table = [head, ...rows, totals].map((r) => `| ${r.join(' | ')} |`);
  table.splice(1, 0, `|${head.map(() => '---').join('|')}|`);
  return [
    `Timesheet ${where(o.scope)}, ${o.period.label}: ${split(o)}.`,
    ...table,
    ...more(o.rows.length, o.rows_total, 'people'),
    ...(o.no_time_logged_total
      ? [
          `No time logged: ${o.no_time_logged.join(', ')}${o.no_time_logged_total > o.no_time_logged.length ? ` … (${o.no_time_logged_total} in all)` : ''}.`,
        ]
      : []),
    ...footer(o),
  ].join('\n');
}

export function renderYesterday(o: YesterdayReport): string {
  return [
    `Yesterday (${o.period.label}) in ${where(o.scope)}: ${split(o)}.`,
    ...o.people.map(
      (p) =>
        `- ${p.name}: ${p.time.human}${p.running_timer ? ' (timer running)' : ''} — ${p.tasks.map((t) => `${t.custom_id ?? t.name} ${t.time.human}`).join(', ')}`,
    ),
    `Finished: ${o.finished_total}${o.finished.length ? ` — ${o.finished.map((t) => `${t.custom_id ?? t.id} ${t.name}`).join('; ')}` : ''}.`,
    ...(o.no_time_logged.length ? [`No time logged: ${o.no_time_logged.join(', ')}.`] : []),
    ...footer(o),
  ].join('\n');
}

export function renderTimeTracking(o: TimeTrackingReport): string {
  return [
    `Tracked vs estimated in ${where(o.scope)} (${o.period?.label ?? 'all time'}), ${o.tasks} tasks: ${o.time.human} of ${o.estimate.human} (${pct(o.efficiency_percent)}), by ${o.group_by}:`,
    ...o.groups.map((g) => `- ${g.name}: ${g.time.human} / ${g.estimate.human} (${pct(g.efficiency_percent)}), ${g.tasks} tasks`),
    ...more(o.groups.length, o.groups_total, 'groups'),
    ...footer(o),
  ].join('\n');
}

export function renderBreakdown(o: TaskBreakdown): string {
  return [
    `${o.task.custom_id ?? o.task.id} ${o.task.name} (${o.period?.label ?? 'all time'}): ${o.time.human} of ${o.estimate.human} estimated (${pct(o.efficiency_percent)}).`,
    ...o.nodes.map(
      (n) =>
        `${'  '.repeat(n.depth)}- ${n.custom_id ?? n.id} ${n.name} [${n.status}] ${n.direct.human} direct, ${n.rollup.human} rollup${n.estimate ? `, est ${n.estimate.human}` : ''}${n.running_timer ? ' (timer)' : ''}`,
    ),
    ...more(o.nodes.length, o.nodes_total, 'tasks in the tree'),
    `By person: ${o.people.map((p) => `${p.name} ${p.time.human} (${p.entries} entries)`).join(', ') || 'nobody logged time'}.`,
    ...footer(o),
  ].join('\n');
}

export function renderAccuracy(o: EstimationAccuracy): string {
  return [
    `Estimates in ${where(o.scope)}${o.finished_only ? ' (finished tasks)' : ''}: ${o.estimated_tasks} estimated — ${o.accurate} accurate, ${o.under_estimated} under, ${o.over_estimated} over; accuracy ${pct(o.accuracy_percent)}.`,
    `Tracked ${o.time_on_estimated.human} of ${o.estimate.human} estimated; unplanned time ${o.unplanned_time.human} (tasks without estimate).`,
    ...(o.worst_overruns.length
      ? [
          'Worst overruns:',
          ...o.worst_overruns.map((t) => `- ${t.custom_id ?? t.id} ${t.name}: ${t.time.human} vs ${t.estimate.human} (×${t.ratio})`),
        ]
      : []),
    ...(o.most_unused.length
      ? ['Most unused:', ...o.most_unused.map((t) => `- ${t.custom_id ?? t.id} ${t.name}: ${t.time.human} vs ${t.estimate.human} (×${t.ratio})`)]
      : []),
    ...footer(o),
  ].join('\n');
}

export function renderAtRisk(o: AtRiskReport): string {
  return [
    `${o.counts.total} tasks at risk in ${where(o.scope)}: ${o.counts.overdue} overdue, ${o.counts.due_soon} due within ${o.risk_days} days, ${o.counts.over_estimate} over estimate.`,
    ...o.tasks.map(
      (t) =>
        `- ${t.custom_id ?? t.id} ${t.name} [${t.status}] ${t.reasons.join(', ')}${t.days_overdue !== null ? ` (${t.days_overdue} days late)` : t.due_date ? ` (due ${t.due_date.slice(0, 10)})` : ''}${t.reasons.includes('over_estimate') && t.estimate ? ` ${t.time.human}/${t.estimate.human}` : ''} · ${t.assignees.join(', ') || 'unassigned'}`,
    ),
    ...footer(o),
  ].join('\n');
}

export function renderUntracked(o: UntrackedReport): string {
  return [
    `${o.total} ${o.status === 'all' ? '' : `${o.status} `}tasks with assignees and no time logged in ${where(o.scope)}:`,
    ...o.tasks.map((t) => `- ${t.custom_id ?? t.id} ${t.name} [${t.status}] · ${t.assignees.join(', ')}`),
    ...footer(o),
  ].join('\n');
}

export function renderProgress(o: ProgressSince): string {
  const c = o.status_changes;
  return [
    `Since ${o.since} in ${where(o.scope)}: ${o.finished.total} finished (${o.finished.done} done, ${o.finished.closed} closed; ${o.finished.subtasks} subtasks), ${o.created.total} created, ${c.total} status changes${c.basis === 'snapshot' ? ` (vs snapshot ${c.snapshot_date})` : ' (tasks updated since; no older snapshot)'}.`,
    ...o.finished.tasks.map((t) => `- done: ${t.custom_id ?? t.id} ${t.name} [${t.status}] ${t.assignees.join(', ')}`),
    ...c.changes.map((t) => `- ${t.custom_id ?? t.id} ${t.name}: ${t.from ?? 'new'} → ${t.to}`),
    ...footer(o),
  ].join('\n');
}
