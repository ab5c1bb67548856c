import { Injectable } from '@nestjs/common';
import { z } from 'zod';
import { commandOf, defineReport, ReportCatalog } from '../analytics/reports/report-catalog';
import { limitArg, periodArgs } from '../analytics/reports/report-args';
import { renderTimeTracking } from '../analytics/reports/report-render';
import { timeTrackingOut } from '../analytics/reports/task-time.schemas';
import { TaskTimeService } from '../analytics/reports/task-time.service';
import * as render from './intelligence-render';
import {
  blockersOut,
  completionRateOut,
  digestOut,
  folderlessListsOut,
  healthOut,
  listStatusesOut,
  projectAtRiskOut,
  projectStatusesOut,
  standupOut,
  teamWorkloadOut,
  velocityOut,
} from './intelligence.schemas';
import { ProjectHealthService } from './project-health.service';
import { ProjectMetricsService } from './project-metrics.service';
import { ProjectPulseService } from './project-pulse.service';

const text = (max = 200) => z.string().trim().min(1).max(max);
const project = text().describe('Project alias, or a space/folder/list: id or name.');
const trend = {
  trend_days: z.number().int().min(1).max(90).optional().describe('Also show the last N days (snapshots).'),
  trend_weeks: z.number().int().min(1).max(26).optional().describe('Or the last N week ends.'),
};
const t = 'intelligence' as const;

/** The intelligence toolset's reports, registered in the report catalog (MCP, REST, CLI). */
@Injectable()
export class IntelligenceReports {
  constructor(
    catalog: ReportCatalog,
    health: ProjectHealthService,
    pulse: ProjectPulseService,
    metrics: ProjectMetricsService,
    tasks: TaskTimeService,
  ) {
    catalog.register([
      defineReport({
        name: 'get_project_health_score',
        toolset: t,
        command: commandOf('get_project_health_score'),
        title: 'Project health',
        description: 'Health 0–100 and grade A–F from overdue, freshness, progress, assignment and estimates, with recommendations; optional trend.',
        input: z.object({ project, ...trend }),
        output: healthOut,
        run: (a) => health.report(a),
        render: render.renderHealth,
      }),
      defineReport({
        name: 'get_project_daily_standup',
        toolset: t,
        command: commandOf('get_project_daily_standup'),
        title: 'Daily standup',
        description: 'Finished yesterday, in progress, blocked, due today, and time logged yesterday per person.',
        input: z.object({ project }),
        output: standupOut,
        run: (a) => pulse.standup(a),
        render: render.renderStandup,
      }),
      defineReport({
        name: 'get_project_weekly_digest',
        toolset: t,
        command: commandOf('get_project_weekly_digest'),
        title: 'Weekly digest',
        description: 'Last 7 days: finished, started, overdue, time per person, top contributors, highlights.',
        input: z.object({ project }),
        output: digestOut,
        run: (a) => pulse.digest(a),
        render: render.renderDigest,
      }),
      defineReport({
        name: 'get_project_blockers',
        toolset: t,
        command: commandOf('get_project_blockers'),
        title: 'Blocked and stale tasks',
        description: 'Open tasks blocked (status or unfinished dependency), waiting, or not updated for stale_days.',
        input: z.object({ project, stale_days: z.number().int().min(1).max(365).default(5).describe('Default 5.'), limit: limitArg(25, 200) }),
        output: blockersOut,
        run: (a) => pulse.blockers(a),
        render: render.renderBlockers,
      }),
      defineReport({
        name: 'get_project_at_risk',
        toolset: t,
        command: commandOf('get_project_at_risk'),
        title: 'Overdue and due soon',
        description: 'Open tasks overdue or due within risk_days, with how long past due or left.',
        input: z.object({ project, risk_days: z.number().int().min(0).max(90).default(3).describe('Default 3.'), limit: limitArg(25, 200) }),
        output: projectAtRiskOut,
        run: (a) => pulse.atRisk(a),
        render: render.renderProjectAtRisk,
      }),
      defineReport({
        name: 'get_project_team_workload',
        toolset: t,
        command: commandOf('get_project_team_workload'),
        title: 'Team workload',
        description: 'Open tasks and open estimate per person; overloaded and spare capacity flagged; optional trend.',
        input: z.object({ project, limit: limitArg(30, 200), ...trend }),
        output: teamWorkloadOut,
        run: (a) => metrics.teamWorkload(a),
        render: render.renderTeamWorkload,
      }),
      defineReport({
        name: 'get_project_time_tracking',
        toolset: t,
        command: commandOf('get_project_time_tracking'),
        title: 'Project time vs estimate',
        description: 'Tracked time vs estimates for a project by assignee or status; all time unless a period is given.',
        input: z.object({
          project,
          group_by: z.enum(['assignee', 'status']).default('assignee').describe('Default assignee.'),
          ...periodArgs('all time'),
        }),
        output: timeTrackingOut,
        run: (a) => tasks.timeTracking({ ...a, limit: 50 }),
        render: renderTimeTracking,
      }),
      defineReport({
        name: 'get_workspace_folderless_lists',
        toolset: t,
        command: commandOf('get_workspace_folderless_lists'),
        title: 'Folderless lists',
        description: 'Every list that sits directly in a space, with its space and task count.',
        input: z.object({ include_archived: z.boolean().default(false).describe('Include archived lists.'), limit: limitArg(100, 500) }),
        output: folderlessListsOut,
        run: (a) => metrics.folderlessLists(a),
        render: render.renderFolderless,
      }),
      defineReport({
        name: 'get_list_defined_statuses',
        toolset: t,
        command: commandOf('get_list_defined_statuses'),
        title: 'Statuses of a list',
        description: "A list's statuses (own, or inherited from its folder or space, and which) with categories.",
        input: z.object({ list: text().describe('List: id or name.'), space: text().optional().describe('Space, to narrow the list name.') }),
        output: listStatusesOut,
        run: (a) => metrics.listStatuses(a),
        render: render.renderListStatuses,
      }),
      defineReport({
        name: 'get_project_statuses',
        toolset: t,
        command: commandOf('get_project_statuses'),
        title: 'Statuses in use',
        description: 'Statuses in use across a project with task counts per status and category.',
        input: z.object({ project }),
        output: projectStatusesOut,
        run: (a) => metrics.projectStatuses(a),
        render: render.renderProjectStatuses,
      }),
      defineReport({
        name: 'get_project_completion_rate',
        toolset: t,
        command: commandOf('get_project_completion_rate'),
        title: 'Completion rate',
        description: 'Finished ÷ total for all and top-level tasks, now and at each of the last weeks; optional snapshot trend.',
        input: z.object({ project, weeks: z.number().int().min(1).max(52).default(8).describe('Default 8.'), ...trend }),
        output: completionRateOut,
        run: (a) => metrics.completionRate(a),
        render: render.renderCompletion,
      }),
      defineReport({
        name: 'get_project_velocity',
        toolset: t,
        command: commandOf('get_project_velocity'),
        title: 'Velocity',
        description: 'Tasks and estimate finished per ISO week over the last N weeks, the average and the trend.',
        input: z.object({ project, weeks: z.number().int().min(1).max(52).default(8).describe('Default 8.') }),
        output: velocityOut,
        run: (a) => metrics.velocity(a),
        render: render.renderVelocity,
      }),
    ]);
  }
}
