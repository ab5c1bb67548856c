/**
 * The report prompts as data: each step names the tools that can do it, best first. A prompt
 * is rendered against the tools this server actually offers the caller, so it never steers a
 * model to a tool that is missing (toolset switched off, read-only mode, a narrowed token) and
 * picks up the specialised tools (intelligence, analytics) as soon as they are registered.
 */

export type PromptName = 'daily_standup' | 'weekly_report' | 'project_health_review';

interface PromptStep {
  /** Alternatives, best first; the first one available is named. */
  tools: string[];
  does: string;
}

export interface ReportPromptDefinition {
  name: PromptName;
  description: string;
  /** What the assistant produces. */
  goal: string;
  defaultPeriod: string;
  projectRequired: boolean;
  steps: PromptStep[];
  /** How the final answer is laid out. */
  format: string;
}

const FRESHNESS: PromptStep = {
  tools: ['get_sync_status', 'cache_status'],
  does: 'Note data_as_of (the end of the last successful sync). If it is null or older than 24 hours, say so at the top of your answer.',
};

export const REPORT_PROMPTS: ReportPromptDefinition[] = [
  {
    name: 'daily_standup',
    description: 'A daily standup for a project or the whole workspace: finished, in progress, blocked, overdue, and time logged.',
    goal: 'Prepare a daily standup',
    defaultPeriod: 'yesterday',
    projectRequired: false,
    steps: [
      FRESHNESS,
      {
        tools: ['get_project_daily_standup'],
        does: 'Get finished, in-progress, blocked and due-today tasks and time logged per person in one call.',
      },
      {
        tools: ['get_yesterday_report', 'get_employee_time_report'],
        does: 'Get the time logged in the period per person and per task, and the tasks finished.',
      },
      { tools: ['get_tasks_by_status', 'get_tasks'], does: 'List the tasks in progress (status category active), with their assignees.' },
      { tools: ['get_project_blockers'], does: 'List blocked, waiting and stale tasks.' },
      { tools: ['get_overdue_tasks', 'get_at_risk_tasks', 'get_project_at_risk'], does: 'List unfinished tasks that are overdue or due today.' },
    ],
    format:
      'Group by person: done, doing today, blocked. Then "Overdue / due today" and "Time logged" (hours per person). ' +
      'Name tasks with their id; keep it short enough to read out loud.',
  },
  {
    name: 'weekly_report',
    description: 'A weekly status report: what was finished, time spent per person, progress, risks and workload.',
    goal: 'Write a weekly status report',
    defaultPeriod: 'last_week',
    projectRequired: false,
    steps: [
      FRESHNESS,
      { tools: ['get_project_weekly_digest'], does: 'Get finished, started and overdue tasks, time per person and highlights for the week.' },
      {
        tools: ['get_progress_since', 'get_tasks_by_status', 'get_tasks'],
        does: "List the tasks finished in the period (status categories done and closed); a tool that takes `since` gets the period's first day.",
      },
      {
        tools: ['get_employee_time_report', 'get_weekly_timesheet', 'get_space_project_time_report'],
        does: 'Get time logged in the period per person and per project, billable split and utilization.',
      },
      { tools: ['get_estimation_accuracy', 'get_time_tracking_report'], does: 'Check tracked time against estimates; name the worst overruns.' },
      { tools: ['get_list_progress', 'get_project_completion_rate'], does: 'Get the completion rate and recent throughput.' },
      { tools: ['get_overdue_tasks', 'get_project_at_risk', 'get_at_risk_tasks'], does: 'List overdue and at-risk tasks with their assignees.' },
      { tools: ['get_workload', 'get_project_team_workload'], does: 'Get open tasks and estimates per person, to spot overload.' },
    ],
    format:
      'Sections: Summary (3 sentences), Completed, Time spent (hours per person, total), Progress, Risks and overdue, ' +
      "Workload, Next week. Use the tools' numbers exactly; do not estimate what a tool did not return.",
  },
  {
    name: 'project_health_review',
    description: 'A health review of one project: score, progress, overdue and blocked work, workload balance, estimate accuracy.',
    goal: 'Review the health of a project',
    defaultPeriod: 'last_30_days',
    projectRequired: true,
    steps: [
      FRESHNESS,
      { tools: ['get_project_health_score'], does: 'Get the 0–100 health score, grade, its breakdown and recommendations.' },
      {
        tools: ['get_list_progress', 'get_project_completion_rate', 'get_tasks_by_status'],
        does: 'Get the completion rate and task counts per status category.',
      },
      {
        tools: ['get_overdue_tasks', 'get_project_at_risk', 'get_at_risk_tasks'],
        does: 'List overdue and soon-due unfinished tasks, with days overdue.',
      },
      { tools: ['get_project_blockers'], does: 'List blocked, waiting and stale tasks.' },
      { tools: ['get_workload', 'get_project_team_workload'], does: 'Get open tasks and estimates per assignee; flag anyone overloaded or idle.' },
      { tools: ['get_estimation_accuracy', 'get_project_time_tracking', 'get_time_tracking_report'], does: 'Compare time tracked with estimates.' },
      { tools: ['get_project_velocity'], does: 'Get tasks finished per week and the trend.' },
    ],
    format:
      'Start with a one-line verdict (healthy / needs attention / at risk) and the grade if a score was available. ' +
      'Then Strengths, Problems (with task ids and owners), and 3–5 concrete recommendations.',
  },
];

export interface PromptScope {
  kind: 'workspace' | 'space' | 'folder' | 'list';
  id: string;
  name: string;
  /** e.g. "in space Engineering" */
  where?: string;
}

/** The user message of a prompt, naming only tools in `available`, in order. */
export function renderReportPrompt(def: ReportPromptDefinition, scope: PromptScope, period: string, available: ReadonlySet<string>): string {
  const target =
    scope.kind === 'workspace'
      ? 'the whole workspace (no scope argument needed)'
      : `the ${scope.kind} '${scope.name}' (id ${scope.id}${scope.where ? `, ${scope.where}` : ''}) — pass the id as each tool's ${scope.kind} argument`;
  const steps = def.steps
    .map((s) => ({ tool: s.tools.find((t) => available.has(t)), does: s.does }))
    .filter((s): s is { tool: string; does: string } => s.tool !== undefined);
  const lines = [
    `${def.goal} for ${target}, period ${period}.`,
    '',
    'Call these tools in this order; they answer from the synced database, so they are fast and exact:',
    ...steps.map((s, i) => `${i + 1}. \`${s.tool}\` — ${s.does}`),
    '',
    `Pass period "${period}" to every tool that takes a period. Every result carries data_as_of; if results disagree on it, say which is older.`,
    ...(available.has('trigger_sync') ? ['Call `trigger_sync` first only if the user asked for up-to-the-minute data.'] : []),
    'If a tool returns an error listing candidates, retry with the right id instead of guessing.',
    '',
    `Answer format: ${def.format}`,
  ];
  return lines.join('\n');
}
