import { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import { Logger } from 'nestjs-pino';
import { BootLogger } from './common/logging/boot-logger';
import { AppModule, AppModuleOptions } from './app.module';
import { AppConfig } from './config/app-config';
import { ReportCatalog } from './analytics/reports/report-catalog';
import { reportPaths } from './analytics/reports/reports.openapi';
import { pathNeedsToken } from './mcp/auth/rest-access.guard';

/** The security scheme name Swagger UI's "Authorize" fills in. */
export const BEARER_SCHEME = 'bearer';
import { installBodyParsers } from './common/http/body-parsing';
import { hostCheckMiddleware } from './mcp/auth/host-check.middleware';

/** Builds the HTTP application (used by main.ts and by the end-to-end tests). */
export async function createHttpApp(options: AppModuleOptions = {}): Promise<NestExpressApplication> {
  const boot = new BootLogger();
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot({ ...options, role: 'server' }), {
    logger: boot,
    // Webhook signatures are computed over the exact bytes ClickUp sent.
    rawBody: true,
    // Throw instead of process.abort(): main.ts turns configuration errors into a clear message.
    abortOnError: false,
    // On shutdown, cut open connections (SSE streams, keep-alive sockets) instead of waiting
    // for clients that never hang up: SIGTERM with an open SSE stream once took over 25 s.
    forceCloseConnections: true,
  });
  const logger = app.get(Logger);
  app.useLogger(logger);
  boot.replayInto(logger);
  // First of all, on every route (Swagger included): refuse a DNS-rebinding Host or a foreign browser Origin.
  app.use(hostCheckMiddleware(app.get(AppConfig).mcp.allowedHosts, app.get(AppConfig).mcp.allowedOrigins));
  installBodyParsers(app);
  app.enableShutdownHooks();
  // Idle keep-alive sockets outlive the clients' own (undici keeps them 4 s): a client never
  // reuses a socket the server is closing at that moment, which surfaced as ECONNRESET under load.
  const server = app.getHttpServer() as { keepAliveTimeout: number; headersTimeout: number };
  server.keepAliveTimeout = 65_000;
  server.headersTimeout = 66_000;
  setupSwagger(app);
  return app;
}

export function setupSwagger(app: INestApplication): void {
  const cfg = app.get(AppConfig);
  const doc = new DocumentBuilder()
    .setTitle('clickup-analytics-mcp')
    .setDescription(
      'Ops and read endpoints of the ClickUp analytics server. The same services answer MCP tools at /sse, /messages and /mcp.' +
        (cfg.demo ? ' DEMO MODE: the data comes from the local ClickUp sandbox.' : ''),
    )
    .setVersion('0.1.0')
    // Our tokens are opaque strings, not JWTs: no bearerFormat.
    .addSecurity(BEARER_SCHEME, {
      type: 'http',
      scheme: 'bearer',
      description:
        'An MCP token (MCP_AUTH_TOKEN or one of MCP_TOKENS). Required when the server has tokens configured; POST endpoints need a write-scoped one.',
    })
    .build();
  SwaggerModule.setup(
    'docs',
    app,
    () => {
      const document = SwaggerModule.createDocument(app, doc);
      // The report endpoints are one generic route; their paths come from the reports' own schemas.
      Object.assign(document.paths, reportPaths(app.get(ReportCatalog).definitions()));
      return withBearerSecurity(document);
    },
    {
      // "Authorize" once, and "Try it out" keeps sending the token after a reload.
      swaggerOptions: { persistAuthorization: true },
    },
  );
}

/**
 * Declares the bearer scheme on every operation the guards protect (all but /health, the docs
 * and the signed ClickUp webhook receiver), from the guards' own rule, so Swagger UI's
 * "Authorize" sends the token wherever the server asks for it.
 */
function withBearerSecurity(document: OpenAPIObject): OpenAPIObject {
  for (const [path, item] of Object.entries(document.paths)) {
    if (!pathNeedsToken(path)) continue;
    for (const method of ['get', 'put', 'post', 'delete', 'patch', 'head', 'options'] as const) {
      const op = item[method];
      if (op) op.security = [{ [BEARER_SCHEME]: [] }];
    }
  }
  return document;
}
