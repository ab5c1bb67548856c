import { Injectable } from '@nestjs/common';
import { ReportCatalog } from '../../analytics/reports/report-catalog';
import { AnyToolDefinition, Toolset } from '../core/tool-definition';
import { ToolMetaService } from '../core/tool-meta.service';
import { reportTools } from './analytics.tools';

/** The intelligence toolset: the catalog's project insights as read tools. */
@Injectable()
export class IntelligenceTools implements Toolset {
  readonly name = 'intelligence' as const;

  constructor(
    private readonly catalog: ReportCatalog,
    private readonly meta: ToolMetaService,
  ) {}

  tools(): AnyToolDefinition[] {
    return reportTools(this.catalog, this.meta, this.name);
  }
}
