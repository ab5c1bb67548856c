import { Controller, Get, Headers, Param, Query, Res } from '@nestjs/common';
import { ApiExcludeEndpoint } from '@nestjs/swagger';
import type { Response } from 'express';
import { DomainError } from '../../common/errors/domain-error';
import { closest } from '../../common/names/name-matcher';
import { parseReportArgs } from './report-args.parser';
import { ReportCatalog } from './report-catalog';
import { toCsv } from './report-export.service';

/**
 * REST mirrors of the report tools: `GET /api/reports/<tool-name>` with the tool's arguments as
 * query parameters answers the tool's JSON; `?format=csv` (or `Accept: text/csv`) answers the
 * complete rows of a time report or timesheet as CSV. Swagger documents one path per report
 * (see reports.openapi.ts); same auth as every other REST endpoint.
 */
@Controller('api/reports')
export class ReportsController {
  constructor(private readonly catalog: ReportCatalog) {}

  @Get()
  @ApiExcludeEndpoint()
  list() {
    return {
      reports: this.catalog.definitions().map((d) => ({ name: d.name, path: `/api/reports/${d.name}`, description: d.description, csv: !!d.rows })),
    };
  }

  @Get(':name')
  @ApiExcludeEndpoint()
  async report(
    @Param('name') name: string,
    @Query() query: Record<string, unknown>,
    @Headers('accept') accept: string | undefined,
    @Res({ passthrough: true }) res: Response,
  ) {
    const def = this.catalog.find(name);
    if (!def) {
      const near = closest(
        name,
        this.catalog.definitions().map((d) => ({ id: d.name, name: d.name })),
        3,
      ).map((d) => d.id);
      throw new DomainError(`No report '${name.slice(0, 80)}'. Did you mean: ${near.join(', ')}? GET /api/reports lists them.`, 'not_found');
    }
    const { format, ...rest } = query;
    const csv = format === 'csv' || (format === undefined && /\btext\/csv\b/.test(accept ?? ''));
    if (format !== undefined && format !== 'csv' && format !== 'json')
      throw new DomainError(`format '${String(format).slice(0, 20)}' is not supported: use json (default) or csv.`);
    const args = parseReportArgs(def.input, rest);
    if (!csv) return def.run(args);
    if (!def.rows) throw new DomainError(`${def.name} has no CSV form: CSV is for the time reports and timesheets. Ask for JSON.`);
    const table = await def.rows(args);
    res.setHeader('Content-Type', 'text/csv; charset=utf-8');
    res.setHeader('Content-Disposition', `attachment; filename="${def.command}.csv"`);
    return toCsv(table);
  }
}
