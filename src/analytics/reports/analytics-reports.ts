import { Injectable } from '@nestjs/common';
import { z } from 'zod';
import { limitArg, monthArg, periodArgs, personArg, scopeArgs, taskArg, weekArg } from './report-args';
import { ExportSpec, ReportExportService } from './report-export.service';
import { commandOf, defineReport, ReportCatalog } from './report-catalog';
import * as render from './report-render';
import { ProgressService } from './progress.service';
import { TaskTimeService } from './task-time.service';
import { atRiskOut, estimationAccuracyOut, progressSinceOut, taskBreakdownOut, timeTrackingOut, untrackedOut } from './task-time.schemas';
import { employeeReportOut, folderReportOut, spaceProjectReportOut, yesterdayReportOut } from './time-reports.schemas';
import { TimeReportsService } from './time-reports.service';
import { timesheetOut } from './timesheets.schemas';
import { TimesheetsService } from './timesheets.service';

const scopeOf = (a: { space?: string; folder?: string; list?: string; project?: string }) => ({
  space: a.space,
  folder: a.folder,
  list: a.list,
  project: a.project,
});

/** The analytics toolset's reports (time reports, timesheets, task-set reports), registered in the catalog. */
@Injectable()
export class AnalyticsReports {
  constructor(
    catalog: ReportCatalog,
    time: TimeReportsService,
    sheets: TimesheetsService,
    tasks: TaskTimeService,
    progress: ProgressService,
    exports: ReportExportService,
  ) {
    const exportOf = (spec: Omit<ExportSpec, 'shape'>, shape: ExportSpec['shape']) => exports.rows({ ...spec, shape });
    catalog.register([
      defineReport({
        name: 'get_space_project_time_report',
        toolset: 'analytics',
        command: commandOf('get_space_project_time_report'),
        title: 'Time per project of a space',
        description:
          'Time logged in a space per project (folder or folderless list): billable split, estimate, tasks, people; inactive projects listed.',
        input: z.object({ space: scopeArgs.space.unwrap().describe('Space: id, name or project alias.'), ...periodArgs('this_month') }),
        output: spaceProjectReportOut,
        run: (a) => time.spaceProjects(a),
        render: render.renderSpaceProjects,
        rows: (a) => exportOf({ scope: { space: a.space }, period: a, fallback: 'this_month' }, 'person_project_task'),
      }),
      defineReport({
        name: 'get_folder_time_report',
        toolset: 'analytics',
        command: commandOf('get_folder_time_report'),
        title: 'Time in a folder',
        description: 'Time logged in a folder, grouped by list, person, status or task, with billable split.',
        input: z.object({
          folder: scopeArgs.folder.unwrap().describe('Folder: id, name or project alias.'),
          space: scopeArgs.space,
          group_by: z.enum(['list', 'person', 'status', 'task']).default('list').describe('Default list.'),
          ...periodArgs('this_month'),
        }),
        output: folderReportOut,
        run: (a) => time.folder(a),
        render: render.renderFolder,
        rows: (a) => exportOf({ scope: { folder: a.folder, space: a.space }, period: a, fallback: 'this_month' }, 'person_project_task'),
      }),
      defineReport({
        name: 'get_employee_time_report',
        toolset: 'analytics',
        command: commandOf('get_employee_time_report'),
        title: 'Time per person',
        description:
          'Per person: time logged, billable split, utilization, projects and top tasks; members without time named. Default: workspace, this week.',
        input: z.object({ ...scopeArgs, person: personArg, ...periodArgs('this_week') }),
        output: employeeReportOut,
        run: (a) => time.employee(a),
        render: render.renderEmployee,
        rows: (a) => exportOf({ scope: scopeOf(a), person: a.person, period: a, fallback: 'this_week' }, 'person_project_task'),
      }),
      defineReport({
        name: 'get_weekly_timesheet',
        toolset: 'analytics',
        command: commandOf('get_weekly_timesheet'),
        title: 'Weekly timesheet',
        description: 'Person × day grid for one Monday–Sunday week: daily and weekly totals, days worked, running timers flagged.',
        input: z.object({ week: weekArg, ...scopeArgs, person: personArg }),
        output: timesheetOut,
        run: (a) => sheets.weekly(a),
        render: render.renderTimesheet,
        rows: (a) => exportOf({ scope: scopeOf(a), person: a.person, period: { week: a.week }, fallback: 'this_week' }, 'person_day'),
      }),
      defineReport({
        name: 'get_monthly_timesheet',
        toolset: 'analytics',
        command: commandOf('get_monthly_timesheet'),
        title: 'Monthly timesheet',
        description: 'Person × day grid for a month: totals, days worked, daily average, utilization.',
        input: z.object({ month: monthArg, ...scopeArgs, person: personArg }),
        output: timesheetOut,
        run: (a) => sheets.monthly(a),
        render: render.renderTimesheet,
        rows: (a) => exportOf({ scope: scopeOf(a), person: a.person, period: { month: a.month }, fallback: 'this_month' }, 'person_day'),
      }),
      defineReport({
        name: 'get_timesheet',
        toolset: 'analytics',
        command: commandOf('get_timesheet'),
        title: 'Timesheet for any period',
        description: 'Person × day grid for any period (up to 92 days), with totals.',
        input: z.object({ ...periodArgs('this_week'), ...scopeArgs, person: personArg }),
        output: timesheetOut,
        run: (a) => sheets.any(a),
        render: render.renderTimesheet,
        rows: (a) => exportOf({ scope: scopeOf(a), person: a.person, period: a, fallback: 'this_week' }, 'person_day'),
      }),
      defineReport({
        name: 'get_yesterday_report',
        toolset: 'analytics',
        command: commandOf('get_yesterday_report'),
        title: 'Yesterday',
        description: 'What was logged yesterday per person and task, and the tasks finished yesterday.',
        input: z.object({ ...scopeArgs, person: personArg }),
        output: yesterdayReportOut,
        run: (a) => time.yesterday(a),
        render: render.renderYesterday,
        rows: (a) => exportOf({ scope: scopeOf(a), person: a.person, period: { period: 'yesterday' }, fallback: 'yesterday' }, 'person_project_task'),
      }),
      defineReport({
        name: 'get_progress_since',
        toolset: 'analytics',
        command: commandOf('get_progress_since'),
        title: 'Progress since a date',
        description: 'Tasks finished, created and changed status since a date (default: this Monday), by category and main/subtask.',
        input: z.object({
          since: z.string().trim().min(1).max(40).optional().describe('YYYY-MM-DD or ISO time.'),
          ...scopeArgs,
          include_archived: z.boolean().default(false).describe('Include archived tasks.'),
          limit: limitArg(20, 200),
        }),
        output: progressSinceOut,
        run: (a) => progress.since(a),
        render: render.renderProgress,
      }),
      defineReport({
        name: 'get_time_tracking_report',
        toolset: 'analytics',
        command: commandOf('get_time_tracking_report'),
        title: 'Tracked vs estimated',
        description: 'Tracked time vs estimates with efficiency %, by assignee, status, list or task. All time unless a period is given.',
        input: z.object({
          ...scopeArgs,
          group_by: z.enum(['assignee', 'status', 'list', 'task']).default('assignee').describe('Default assignee.'),
          ...periodArgs('all time'),
          limit: limitArg(30, 200),
        }),
        output: timeTrackingOut,
        run: (a) => tasks.timeTracking(a),
        render: render.renderTimeTracking,
      }),
      defineReport({
        name: 'get_task_time_breakdown',
        toolset: 'analytics',
        command: commandOf('get_task_time_breakdown'),
        title: "One task's time tree",
        description: "A task's subtask tree (any list) with direct and rollup time and estimate per node, and time per person.",
        input: z.object({ task: taskArg, ...periodArgs('all time') }),
        output: taskBreakdownOut,
        run: (a) => tasks.taskBreakdown(a),
        render: render.renderBreakdown,
      }),
      defineReport({
        name: 'get_estimation_accuracy',
        toolset: 'analytics',
        command: commandOf('get_estimation_accuracy'),
        title: 'Estimate accuracy',
        description: 'Tracked ÷ estimate per task: accurate (0.8–1.2), under- or over-estimated; accuracy %, unplanned time, worst offenders.',
        input: z.object({ ...scopeArgs, finished_only: z.boolean().default(false).describe('Only done/closed tasks.'), limit: limitArg(5, 50) }),
        output: estimationAccuracyOut,
        run: (a) => tasks.estimationAccuracy(a),
        render: render.renderAccuracy,
      }),
      defineReport({
        name: 'get_at_risk_tasks',
        toolset: 'analytics',
        command: commandOf('get_at_risk_tasks'),
        title: 'At-risk tasks',
        description: 'Unfinished tasks overdue, due within risk_days, or with more time logged than estimated.',
        input: z.object({
          ...scopeArgs,
          person: personArg,
          risk_days: z.number().int().min(0).max(90).default(3).describe('Default 3.'),
          limit: limitArg(25, 200),
        }),
        output: atRiskOut,
        run: (a) => tasks.atRisk(a),
        render: render.renderAtRisk,
      }),
      defineReport({
        name: 'get_untracked_tasks',
        toolset: 'analytics',
        command: commandOf('get_untracked_tasks'),
        title: 'Tasks without time',
        description: 'Tasks with assignees and no time logged: active (default), open (unfinished) or all.',
        input: z.object({
          ...scopeArgs,
          person: personArg,
          status: z.enum(['active', 'open', 'all']).default('active').describe('Default active.'),
          limit: limitArg(25, 200),
        }),
        output: untrackedOut,
        run: (a) => tasks.untracked(a),
        render: render.renderUntracked,
      }),
    ]);
  }
}
