import { DynamicModule, MiddlewareConsumer, Module, NestModule } from '@nestjs/common';
import { McpModule, McpTransportType } from '@rekog/mcp-nest';
import { AnalyticsModule } from '../analytics/analytics.module';
import { IntelligenceModule } from '../intelligence/intelligence.module';
import { MappingModule } from '../mapping/mapping.module';
import { SyncModule } from '../sync/sync.module';
import { WritesModule } from '../writes/writes.module';
import { ProjectsModule } from '../projects/projects.module';
import { McpAccessGuard } from './auth/mcp-access.guard';
import { MCP_ROLE, MCP_TOOLSETS, ToolRegistrarService } from './core/tool-registrar.service';
import { ToolMetaService } from './core/tool-meta.service';
import { AnswerCacheService } from './core/answer-cache.service';
import { DataVersionRepository } from '../database/data-version.repository';
import { Toolset } from './core/tool-definition';
import { acceptLenientToolArguments } from './core/tool-call-request';
import { issueMcpSessionId, McpRequestContextMiddleware } from './sessions/mcp-request-context';
import { McpSessionsModule } from './sessions/mcp-session-registry.service';
import { ReportPromptsService } from './prompts/report-prompts.service';
import { WorkspaceResourcesService } from './resources/workspace-resources.service';
import { AnalyticsTools } from './toolsets/analytics.tools';
import { IntelligenceTools } from './toolsets/intelligence.tools';
import { SyncTools } from './toolsets/sync.tools';
import { TasksReadTools } from './toolsets/tasks-read.tools';
import { TasksWriteTools } from './toolsets/tasks-write.tools';
import { WorkspaceTools } from './toolsets/workspace.tools';
import { ProjectsTools } from './toolsets/projects.tools';
import { MappingTools } from './toolsets/mapping.tools';

export const SERVER_INSTRUCTIONS =
  'Answers questions about a ClickUp workspace from a synced database: exact numbers in milliseconds. ' +
  'Scope arguments take ids or names (case-insensitive, unique prefixes work); an unknown or ambiguous name returns the candidates to retry with. ' +
  'Time means logged time entries, attributed to who logged them. Every result carries data_as_of (freshness) and demo.';

const TOOLSET_PROVIDERS = [
  WorkspaceTools,
  SyncTools,
  TasksReadTools,
  TasksWriteTools,
  AnalyticsTools,
  IntelligenceTools,
  ProjectsTools,
  MappingTools,
];

/**
 * The MCP server: legacy SSE (GET /sse + POST /messages, what LM Studio uses) and stateful
 * Streamable HTTP (/mcp, so progress notifications work) in the HTTP process; stdio alone in
 * the stdio process. Transports are always explicit, so the HTTP process never reads stdin.
 */
@Module({})
export class McpServerModule implements NestModule {
  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(McpRequestContextMiddleware).forRoutes('mcp', 'sse', 'messages');
  }

  static forRoot(role: 'server' | 'stdio'): DynamicModule {
    return {
      module: McpServerModule,
      imports: [
        McpSessionsModule,
        McpModule.forRoot({
          name: 'clickup-analytics-mcp',
          version: '0.1.0',
          instructions: SERVER_INSTRUCTIONS,
          transport: role === 'stdio' ? [McpTransportType.STDIO] : [McpTransportType.SSE, McpTransportType.STREAMABLE_HTTP],
          guards: role === 'stdio' ? [] : [McpAccessGuard],
          // Session ids are minted through the session registry, which binds each to its token.
          streamableHttp: { statelessMode: false, enableJsonResponse: false, sessionIdGenerator: issueMcpSessionId },
          sse: { pingEnabled: true, pingIntervalMs: 25_000 },
          serverMutator: acceptLenientToolArguments,
          logging: false,
        }),
        SyncModule,
        MappingModule,
        WritesModule,
        AnalyticsModule,
        IntelligenceModule,
        ProjectsModule,
      ],
      providers: [
        McpAccessGuard,
        ToolMetaService,
        DataVersionRepository,
        AnswerCacheService,
        ToolRegistrarService,
        WorkspaceResourcesService,
        ReportPromptsService,
        ...TOOLSET_PROVIDERS,
        { provide: MCP_ROLE, useValue: role },
        { provide: MCP_TOOLSETS, inject: TOOLSET_PROVIDERS, useFactory: (...toolsets: Toolset[]) => toolsets },
      ],
      exports: [ToolRegistrarService],
    };
  }
}
