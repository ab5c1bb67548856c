import { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { Logger } from 'nestjs-pino';
import { BootLogger } from './common/logging/boot-logger';
import { AppModule, AppModuleOptions } from './app.module';
import { AppConfig } from './config/app-config';
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
  });
  const logger = app.get(Logger);
  app.useLogger(logger);
  boot.replayInto(logger);
  // First of all, on every route (Swagger included): refuse a DNS-rebinding Host or a foreign browser Origin.
  app.use(hostCheckMiddleware(app.get(AppConfig).mcp.allowedHosts, app.get(AppConfig).mcp.allowedOrigins));
  installBodyParsers(app);
  app.enableShutdownHooks();
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
    .addBearerAuth()
    .build();
  SwaggerModule.setup('docs', app, () => SwaggerModule.createDocument(app, doc));
}
