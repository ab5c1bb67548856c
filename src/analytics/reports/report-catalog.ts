import { Injectable } from '@nestjs/common';
import { z } from 'zod';
import { ExportTable } from './report-export.service';
/**
 * One report, declared once for every way to ask for it: MCP tool (name, description, input
 * and output schemas, text rendering), REST `GET /api/reports/<name>` (same arguments as query
 * parameters, same JSON), CSV, and the `npm run report` CLI.
 */
export interface ReportDefinition<I extends z.ZodRawShape = z.ZodRawShape, O extends z.ZodRawShape = z.ZodRawShape> {
  name: string;
  /** The MCP toolset it belongs to. */
  toolset: 'analytics' | 'intelligence';
  /** The CLI's name: `weekly-timesheet` for get_weekly_timesheet. */
  command: string;
  title: string;
  /** Short and precise: small models read it to pick the tool. */
  description: string;
  input: z.ZodObject<I>;
  output: z.ZodObject<O>;
  run(args: z.output<z.ZodObject<I>>): Promise<z.input<z.ZodObject<O>>>;
  render(out: z.output<z.ZodObject<O>>): string;
  /** Complete rows for CSV and terminal tables (time reports and timesheets only). */
  rows?(args: z.output<z.ZodObject<I>>): Promise<ExportTable>;
}

export type AnyReportDefinition = ReportDefinition<any, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

export const defineReport = <I extends z.ZodRawShape, O extends z.ZodRawShape>(d: ReportDefinition<I, O>): ReportDefinition<I, O> => d;
/** The CLI's name of a tool: get_weekly_timesheet → weekly-timesheet. */
export const commandOf = (name: string): string => name.replace(/^get_/, '').replace(/_/g, '-');

/**
 * Every report of every module (analytics, intelligence), registered once at start; the MCP
 * toolsets, the REST controller, Swagger and the CLI all read it from here.
 */
@Injectable()
export class ReportCatalog {
  private readonly all: AnyReportDefinition[] = [];

  register(defs: AnyReportDefinition[]): void {
    for (const d of defs) {
      if (this.all.some((x) => x.name === d.name)) throw new Error(`Report ${d.name} is registered twice`);
      this.all.push(d);
    }
  }

  definitions(toolset?: ReportDefinition['toolset']): AnyReportDefinition[] {
    return toolset ? this.all.filter((d) => d.toolset === toolset) : this.all;
  }

  find(nameOrCommand: string): AnyReportDefinition | undefined {
    return this.all.find((d) => d.name === nameOrCommand || d.command === nameOrCommand);
  }
}
