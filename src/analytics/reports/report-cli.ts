/*
 * `npm run report -- weekly-timesheet --week last_week --format csv`: any report from a terminal or
 * a cron job, on stdout. Same arguments as the MCP tool (flags), same numbers.
 */
import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { Logger } from 'nestjs-pino';
import { AppModule } from '../../app.module';
import { DomainError } from '../../common/errors/domain-error';
import { BootLogger } from '../../common/logging/boot-logger';
import { ConfigValidationError } from '../../config/app-config';
import { DataDirLockedError } from '../../database/data-dir-lock';
import { parseReportArgs } from './report-args.parser';
import { AnyReportDefinition, ReportCatalog } from './report-catalog';
import { toCsv, toTable } from './report-export.service';

const FORMATS = ['table', 'csv', 'json', 'text'] as const;
type Format = (typeof FORMATS)[number];

export class UsageError extends Error {}

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
    'Arguments are the MCP tool\'s (e.g. --period last_week, --space Mobile, --person ana@example.com).',
    'Formats: table (default where the report has rows) and csv give one row per person × day or person × project × task;',
    'json is the tool\'s structured result; text is its short rendering.',
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

async function main(): Promise<number> {
  const boot = new BootLogger();
  const app = await NestFactory.createApplicationContext(
    // Reports only read the database: no scheduling, and quiet logs so stderr carries only errors.
    AppModule.forRoot({ role: 'cli', env: { SYNC_ENABLED: 'false', SANDBOX_PORT: '0', LOG_LEVEL: process.env.LOG_LEVEL ?? 'error' } }),
    { logger: boot, abortOnError: false },
  );
  app.useLogger(app.get(Logger));
  boot.replayInto(app.get(Logger));
  try {
    process.stdout.write(await runReport(app.get(ReportCatalog), process.argv.slice(2)));
    return 0;
  } catch (e) {
    if (e instanceof UsageError) {
      process.stderr.write(`${e.message}\n`);
      return 2;
    }
    if (e instanceof DomainError) {
      process.stderr.write(`report: ${e.message}\n`);
      return e.kind === 'not_ready' ? 3 : 2;
    }
    throw e;
  } finally {
    await app.close();
  }
}

if (require.main === module) {
  main()
    .then((code) => process.exit(code))
    .catch((e: unknown) => {
      const known = e instanceof ConfigValidationError || e instanceof DataDirLockedError;
      process.stderr.write(`report failed: ${known ? (e as Error).message : ((e as Error)?.stack ?? String(e))}\n`);
      process.exit(1);
    });
}
