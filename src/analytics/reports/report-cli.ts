/*
 * `npm run report -- weekly-timesheet --week last_week --format csv`: any report from a terminal or
 * a cron job, on stdout. Same arguments as the MCP tool (flags), same numbers.
 */
import 'reflect-metadata';
import { runDatabaseCli, UsageError } from '../../common/cli/database-cli';
import { parseReportArgs } from './report-args.parser';
import { AnyReportDefinition, ReportCatalog } from './report-catalog';
import { toCsv, toTable } from './report-export.service';

const FORMATS = ['table', 'csv', 'json', 'text'] as const;
type Format = (typeof FORMATS)[number];

/** `--name value`, `--name=value`, and a bare `--flag` (true); dashes in names become underscores. */
export function parseFlags(argv: string[]): { report: string | undefined; flags: Record<string, string> } {
  const [report, ...rest] = argv;
  const flags: Record<string, string> = {};
  for (let i = 0; i < rest.length; i++) {
    const m = /^--([A-Za-z][\w-]*)(?:=(.*))?$/.exec(rest[i]);
    if (!m) throw new UsageError(`unexpected argument '${rest[i]}': flags look like --period last_week`);
    const name = m[1].replace(/-/g, '_');
    if (m[2] !== undefined) flags[name] = m[2];
    else if (rest[i + 1] !== undefined && !rest[i + 1].startsWith('--')) flags[name] = rest[++i];
    else flags[name] = 'true';
  }
  return { report, flags };
}

export function usage(defs: AnyReportDefinition[]): string {
  return [
    'usage: npm run report -- <report> [--argument value …] [--format table|csv|json|text]',
    '',
    'reports:',
    ...defs.map((d) => `  ${d.command.padEnd(26)} ${d.description}`),
    '',
    "Arguments are the MCP tool's (e.g. --period last_week, --space Mobile, --person ana@example.com).",
    'Formats: table (default where the report has rows) and csv give one row per person × day or person × project × task;',
    "json is the tool's structured result; text is its short rendering.",
  ].join('\n');
}

export async function runReport(catalog: ReportCatalog, argv: string[]): Promise<string> {
  const { report, flags } = parseFlags(argv);
  const def = report ? catalog.find(report) : undefined;
  if (!def) throw new UsageError(`${report ? `unknown report '${report}'\n\n` : ''}${usage(catalog.definitions())}`);
  const { format = def.rows ? 'table' : 'text', ...rest } = flags;
  if (!FORMATS.includes(format as Format)) throw new UsageError(`--format must be one of ${FORMATS.join(', ')}`);
  const args = parseReportArgs(def.input, rest, 'argument');
  if (format === 'csv' || format === 'table') {
    if (!def.rows) throw new UsageError(`${def.command} has no rows to tabulate: use --format text or json`);
    const rows = await def.rows(args);
    return format === 'csv' ? toCsv(rows) : toTable(rows);
  }
  const out = await def.run(args);
  return format === 'json' ? `${JSON.stringify(out, null, 2)}\n` : `${def.render(def.output.parse(out))}\n`;
}

if (require.main === module) {
  runDatabaseCli('report', (app) => runReport(app.get(ReportCatalog), process.argv.slice(2)));
}
