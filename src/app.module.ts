import { DynamicModule, Module } from '@nestjs/common';
import { LoggerModule } from 'nestjs-pino';
import type { PGlite } from '@electric-sql/pglite';
import { AppConfig } from './config/app-config';
import { AppConfigModule } from './config/app-config.module';
import { loggerParams } from './common/logging/logger.config';
import { DatabaseModule } from './database/database.module';
import { SandboxModule } from './sandbox/sandbox.module';
import { DemoSandbox } from './sandbox/demo-sandbox';
import { ClickupModule } from './clickup/clickup.module';
import { CLICKUP_API_BASE_URL } from './clickup/clickup-client.options';
import { SyncModule } from './sync/sync.module';
import { AnalyticsModule } from './analytics/analytics.module';
import { IntelligenceModule } from './intelligence/intelligence.module';
import { MappingModule } from './mapping/mapping.module';
import { McpServerModule } from './mcp/mcp-server.module';
import { APP_FILTER, APP_GUARD, APP_PIPE } from '@nestjs/core';
import { createValidationPipe } from './common/validation/validation-pipe';
import { WritesModule } from './writes/writes.module';
import { StripNulPipe } from './common/http/strip-nul.pipe';
import { ProjectsModule } from './projects/projects.module';
import { DomainErrorFilter } from './common/errors/domain-error.filter';
import { RestAccessGuard } from './mcp/auth/rest-access.guard';
import { HealthModule } from './health/health.module';
import { Clock } from './common/time/clock';
import { ClockModule } from './common/time/clock.module';

export interface AppModuleOptions {
  /** Environment values that win over process.env/.env (tests, stdio entry). */
  env?: Record<string, string | undefined>;
  ignoreEnvFile?: boolean;
  /** 'server' (HTTP); 'stdio' and 'cli' log to stderr and have no HTTP surface. */
  role?: 'server' | 'stdio' | 'cli';
  /** Tests: an open PGlite instance instead of the data directory. */
  pglite?: PGlite;
  /** Tests and benchmarks: a pinned "now" for every report (default: the system clock). */
  clock?: Clock;
}

@Module({})
export class AppModule {
  static forRoot(options: AppModuleOptions = {}): DynamicModule {
    const role = options.role ?? 'server';
    return {
      module: AppModule,
      imports: [
        AppConfigModule.forRoot({ overrides: options.env, ignoreEnvFile: options.ignoreEnvFile }),
        ClockModule.forRoot(options.clock),
        LoggerModule.forRootAsync({
          inject: [AppConfig],
          useFactory: (cfg: AppConfig) => loggerParams(cfg, role !== 'server'),
        }),
        DatabaseModule.forRoot({ role, pglite: options.pglite }),
        SandboxModule,
        ClickupModule.registerAsync({
          inject: [AppConfig, DemoSandbox],
          useFactory: (cfg: AppConfig, demo: DemoSandbox) => ({
            baseUrl: demo.active ? demo.baseUrl : (cfg.clickup.baseUrl ?? CLICKUP_API_BASE_URL),
            token: demo.active ? demo.token : (cfg.clickup.token as string),
            // A sandbox with its limit off (0) must not throttle the client either.
            requestsPerMinute: demo.active ? cfg.sandbox.rateLimitPerMinute || 1_000_000 : cfg.clickup.requestsPerMinute,
            interactiveReserve: cfg.clickup.interactiveReserve,
            timeoutMs: cfg.clickup.timeoutMs,
            maxRetries: cfg.clickup.maxRetries,
            readOnly: cfg.clickup.readOnly,
            writeDeadlineMs: cfg.clickup.writeDeadlineMs,
          }),
        }),
        SyncModule,
        AnalyticsModule,
        IntelligenceModule,
        MappingModule,
        WritesModule,
        ProjectsModule,
        ...(role === 'cli' ? [] : [McpServerModule.forRoot(role)]),
        ...(role === 'server' ? [HealthModule] : []),
      ],
      providers:
        role === 'server'
          ? [
              { provide: APP_GUARD, useClass: RestAccessGuard },
              { provide: APP_FILTER, useClass: DomainErrorFilter },
              // NUL bytes go first (PostgreSQL text cannot hold them), then validation.
              { provide: APP_PIPE, useClass: StripNulPipe },
              { provide: APP_PIPE, useFactory: createValidationPipe },
            ]
          : [],
    };
  }
}
