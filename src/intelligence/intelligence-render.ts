import {
  BlockersReport,
  CompletionRateReport,
  DigestReport,
  FolderlessListsReport,
  HealthReport,
  ListStatusesReport,
  ProjectAtRiskReport,
  ProjectStatusesReport,
  StandupReport,
  TeamWorkloadReport,
  VelocityReport,
} from './intelligence.schemas';

/**
 * Short markdown renderings of the intelligence reports: what a lead pastes into chat. Names,
 * counts and the few tasks that matter; the structured result has all of it.
 */

type Line = { id: string; custom_id: string | null; name: string; status: string; assignees: string[] };
const task = (t: Line) => `${t.custom_id ?? t.id} ${t.name} [${t.status}]${t.assignees.length ? ` — ${t.assignees.join(', ')}` : ''}`;
const where = (p: { name: string; alias: string | null }) => (p.alias ? `${p.alias} (${p.name})` : p.name);
const more = (shown: number, total: number) => (total > shown ? [`- … ${total - shown} more`] : []);
const section = (title: string, total: number, lines: string[], shown: number) =>
  total ? [`**${title} (${total})**`, ...lines, ...more(shown, total)] : [`**${title}:** none`];
const COMPONENT: Record<string, string> = {
  overdue: 'overdue',
  freshness: 'freshness',
  progress: 'progress',
  assignment: 'assignment',
  estimates: 'estimates',
};

export function renderHealth(o: HealthReport): string {
  if (o.score === null) return `${where(o.project)}: no health score — ${o.recommendations[0]}`;
  const c = o.components;
  const lines = [
    `**${where(o.project)}: health ${o.score} (${o.grade})** — overdue ${c.overdue}, freshness ${c.freshness}, progress ${c.progress}, assignment ${c.assignment}, estimates ${c.estimates}.`,
  ];
  const past = o.trend?.find((p) => !p.missing && p.score !== null);
  if (past && past.components && past.score !== null) {
    const moved = Object.keys(COMPONENT)
      .map((k) => ({ k, was: past.components![k as keyof typeof c], now: c[k as keyof typeof c] }))
      .filter((x) => x.was !== null && x.now !== null && x.was !== x.now)
      .sort((x, y) => Math.abs((y.now as number) - (y.was as number)) - Math.abs((x.now as number) - (x.was as number)))[0];
    lines.push(
      `Was ${past.score} (${past.grade}) on ${past.date}${moved ? `: ${moved.k} component ${(moved.now as number) < (moved.was as number) ? 'fell' : 'rose'} from ${moved.was} to ${moved.now}` : ''}.`,
    );
  }
  const missing = o.trend?.filter((p) => p.missing).length ?? 0;
  if (missing) lines.push(`(No snapshot for ${missing} of ${o.trend!.length} trend days: those are left blank.)`);
  return [...lines, ...o.recommendations.map((r) => `- ${r}`)].join('\n');
}

export function renderStandup(o: StandupReport): string {
  return [
    `**Standup — ${where(o.project)}, ${o.today}**`,
    ...section(
      'Finished yesterday',
      o.finished_yesterday_total,
      o.finished_yesterday.map((t) => `- ${task(t)}`),
      o.finished_yesterday.length,
    ),
    ...section(
      'In progress',
      o.in_progress_total,
      o.in_progress.map((t) => `- ${task(t)}`),
      o.in_progress.length,
    ),
    ...section(
      'Blocked',
      o.blocked_total,
      o.blocked.map((t) => `- ${task(t)} (${t.reasons.join(', ')})`),
      o.blocked.length,
    ),
    ...section(
      'Due today',
      o.due_today_total,
      o.due_today.map((t) => `- ${task(t)}`),
      o.due_today.length,
    ),
    `**Time logged yesterday:** ${o.time_yesterday.map((p) => `${p.name} ${p.time.human}${p.running_timer ? ' (timer running)' : ''}`).join(', ') || 'none'}${
      o.time_yesterday_people > o.time_yesterday.length ? ` and ${o.time_yesterday_people - o.time_yesterday.length} more people` : ''
    } — total ${o.time_yesterday_total.human}.`,
  ].join('\n');
}

export function renderDigest(o: DigestReport): string {
  return [
    `**Weekly digest — ${where(o.project)}, ${o.period.label}**`,
    `Finished ${o.finished.total}, started ${o.started.total}${o.started.basis === 'created' ? ' (created; no older snapshot)' : ''}, overdue now ${o.overdue.total}; ${o.time.human} logged.`,
    ...(o.finished.highlights.length ? ['**Highlights**', ...o.finished.highlights.map((t) => `- ${task(t)}`)] : []),
    ...(o.overdue.tasks.length ? ['**Overdue**', ...o.overdue.tasks.map((t) => `- ${task(t)}, ${t.days_overdue} days late`)] : []),
    `**People:** ${o.people.map((p) => `${p.name} ${p.time.human}, ${p.finished} finished`).join('; ') || 'nobody logged time or finished tasks'}.`,
    ...(o.top_contributors.length ? [`Top contributors: ${o.top_contributors.join(', ')}.`] : []),
  ].join('\n');
}

export function renderBlockers(o: BlockersReport): string {
  return [
    `${where(o.project)}: ${o.counts.blocked} blocked, ${o.counts.waiting} waiting, ${o.counts.stale} stale (no update for ${o.stale_days}+ days).`,
    ...o.tasks.map(
      (t) =>
        `- ${task(t)}: ${t.reasons.join(', ')}${t.waiting_on.length ? ` — waits on ${t.waiting_on.map((w) => w.name).join(', ')}` : ''}, updated ${t.days_since_update} days ago`,
    ),
    ...more(o.tasks.length, o.counts.total),
    ...o.recommendations.map((r) => `- ${r}`),
  ].join('\n');
}

export function renderProjectAtRisk(o: ProjectAtRiskReport): string {
  return [
    `${where(o.project)}: ${o.counts.overdue} overdue, ${o.counts.due_soon} due within ${o.risk_days} days.`,
    ...o.tasks.map((t) => `- ${task(t)}: ${t.reason === 'overdue' ? `overdue by ${t.overdue_by?.human}` : `due in ${t.due_in?.human}`}`),
    ...o.recommendations.map((r) => `- ${r}`),
  ].join('\n');
}

export function renderTeamWorkload(o: TeamWorkloadReport): string {
  return [
    `${where(o.project)}: average ${o.average_open_tasks ?? 0} open tasks per person.`,
    ...o.people.map((p) => `- ${p.name}: ${p.open_tasks} open, ${p.open_estimate.human} estimated${p.band !== 'normal' ? ` (${p.band})` : ''}`),
    `- Unassigned: ${o.unassigned.open_tasks} open`,
    ...o.recommendations.map((r) => `- ${r}`),
    ...(o.trend
      ? [
          `Trend: ${o.trend.map((t) => (t.missing ? `${t.date} no snapshot` : `${t.date} ${t.people.reduce((s, p) => s + p.open_tasks, 0) + t.unassigned_open_tasks} open`)).join('; ')}.`,
        ]
      : []),
  ].join('\n');
}

export function renderFolderless(o: FolderlessListsReport): string {
  return [
    `${o.total} folderless lists:`,
    ...o.lists.map((l) => `- ${l.name} (${l.id}) in ${l.space.name}: ${l.task_count} tasks${l.archived ? ', archived' : ''}`),
    ...more(o.lists.length, o.total),
  ].join('\n');
}

export function renderListStatuses(o: ListStatusesReport): string {
  return [
    `${o.list.name} (${o.list.space}${o.list.folder ? ` › ${o.list.folder}` : ''}) uses ${o.source === 'list' ? 'its own statuses' : `statuses inherited from its ${o.source}`}:`,
    ...o.statuses.map((s) => `- ${s.status} (${s.category})`),
  ].join('\n');
}

export function renderProjectStatuses(o: ProjectStatusesReport): string {
  return [`${where(o.project)}: ${o.total_tasks} tasks.`, ...o.statuses.map((s) => `- ${s.status} (${s.category}): ${s.tasks}`)].join('\n');
}

export function renderCompletion(o: CompletionRateReport): string {
  const p = (x: { percent: number | null; finished: number; total: number }) => `${x.finished}/${x.total} (${x.percent ?? 0}%)`;
  return [
    `${where(o.project)}: ${p(o.now.all)} finished; top-level ${p(o.now.top_level)}.`,
    `By week: ${o.weeks.map((w) => `${w.week} ${w.all.percent ?? 0}%`).join(', ')}.`,
    ...(o.trend ? [`Snapshots: ${o.trend.map((t) => (t.missing ? `${t.date} none` : `${t.date} ${t.all?.percent ?? 0}%`)).join(', ')}.`] : []),
  ].join('\n');
}

export function renderVelocity(o: VelocityReport): string {
  return [
    `${where(o.project)}: ${o.average_tasks ?? 0} tasks finished per week on average (${o.average_estimate?.human ?? '0m'} estimated)${o.trend ? `, ${o.trend}${o.change_percent !== null ? ` (${o.change_percent > 0 ? '+' : ''}${o.change_percent}%)` : ''}` : ''}.`,
    ...o.weeks.map((w) => `- ${w.week}: ${w.finished_tasks} tasks, ${w.finished_estimate.human}`),
    `- ${o.this_week.week} so far: ${o.this_week.finished_tasks} tasks`,
  ].join('\n');
}
