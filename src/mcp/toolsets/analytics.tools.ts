import { Injectable } from '@nestjs/common';
import { z } from 'zod';
import { ReportCatalog, ReportDefinition } from '../../analytics/reports/report-catalog';
import { READ } from '../core/annotations';
import { metaShape } from '../core/common-schemas';
import { AnyToolDefinition, defineTool, Toolset } from '../core/tool-definition';
import { ToolMetaService } from '../core/tool-meta.service';

/**
 * The analytics toolset: every time report and timesheet of the report catalog, as read tools.
 * The catalog owns arguments, results and text; this adapter adds freshness (data_as_of, demo).
 */
@Injectable()
export class AnalyticsTools implements Toolset {
  readonly name = 'analytics' as const;

  constructor(
    private readonly catalog: ReportCatalog,
    private readonly meta: ToolMetaService,
  ) {}

  tools(): AnyToolDefinition[] {
    return reportTools(this.catalog, this.meta, this.name);
  }
}

/** The report catalog's reports of one toolset as read tools (the intelligence toolset uses it too). */
export function reportTools(catalog: ReportCatalog, meta: ToolMetaService, toolset: ReportDefinition['toolset']): AnyToolDefinition[] {
  return catalog.definitions(toolset).map((d) =>
    defineTool({
      name: d.name,
      toolset,
      title: d.title,
      description: d.description,
      annotations: READ,
      write: false,
      input: d.input,
      output: z.object({ ...metaShape, ...d.output.shape }),
      handler: async (a) => ({ ...(await meta.meta()), ...(await d.run(a)) }),
      render: (o) => d.render(o),
    }),
  );
}
