import { renderReportPrompt, REPORT_PROMPTS } from './report-prompts';

const def = (name: string) => REPORT_PROMPTS.find((p) => p.name === name)!;
const allNamed = REPORT_PROMPTS.flatMap((p) => p.steps.flatMap((s) => s.tools)).concat('trigger_sync');
const mentioned = (text: string) => [...new Set(allNamed.filter((t) => new RegExp(`\\b${t}\\b`).test(text)))].sort();

describe('renderReportPrompt', () => {
  it('names only available tools, the best available one per step, in order', () => {
    const available = new Set(['get_sync_status', 'get_tasks', 'get_tasks_by_status', 'get_overdue_tasks', 'get_workload']);
    const text = renderReportPrompt(
      def('weekly_report'),
      { kind: 'folder', id: '42', name: 'Mobile', where: 'in space Eng' },
      'last_week',
      available,
    );
    expect(mentioned(text)).toEqual(['get_overdue_tasks', 'get_sync_status', 'get_tasks_by_status', 'get_workload']);
    const order = ['get_sync_status', 'get_tasks_by_status', 'get_overdue_tasks', 'get_workload'].map((t) => text.indexOf(`\`${t}\``));
    expect([...order].sort((a, b) => a - b)).toEqual(order);
    expect(text).toContain("the folder 'Mobile' (id 42, in space Eng)");
    expect(text).toContain('period "last_week"');
    expect(text).toContain('data_as_of');
  });

  it('prefers the specialised tool once it exists, and mentions trigger_sync only when offered', () => {
    const base = new Set(['get_sync_status', 'get_overdue_tasks']);
    const scope = { kind: 'workspace' as const, id: '1', name: 'whole workspace' };
    const before = renderReportPrompt(def('daily_standup'), scope, 'yesterday', base);
    expect(before).not.toMatch(/trigger_sync|get_project_daily_standup/);
    const after = renderReportPrompt(
      def('daily_standup'),
      scope,
      'yesterday',
      new Set([...base, 'get_project_daily_standup', 'get_at_risk_tasks', 'trigger_sync']),
    );
    expect(after).toContain('`get_project_daily_standup`');
    expect(after).toContain('`trigger_sync`');
    // get_overdue_tasks outranks get_at_risk_tasks for the same step: only one is named.
    expect(after).toContain('`get_overdue_tasks`');
    expect(after).not.toContain('get_at_risk_tasks');
  });

  it('numbers steps consecutively when some are skipped', () => {
    const text = renderReportPrompt(
      def('project_health_review'),
      { kind: 'space', id: '7', name: 'Ops' },
      'last_30_days',
      new Set(['get_sync_status', 'get_workload']),
    );
    expect(text).toMatch(/^1\. `get_sync_status`/m);
    expect(text).toMatch(/^2\. `get_workload`/m);
    expect(text).not.toMatch(/^3\. /m);
  });
});
