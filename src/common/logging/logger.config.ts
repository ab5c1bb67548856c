import type { Params } from 'nestjs-pino';
import { AppConfig } from '../../config/app-config';
import { logSink } from './log-sink';
import { databaseUrlPassword, secretScrubber } from './secret-scrubber';

/** Header and body paths that may carry credentials; pino replaces them before serialising. */
export const REDACT_PATHS = [
  'req.headers.authorization',
  'req.headers.cookie',
  'req.headers["x-signature"]',
  'req.headers["x-api-key"]',
  'res.headers["set-cookie"]',
  '*.token',
  '*.secret',
  '*.password',
  '*.authorization',
  '*.Authorization',
];

export function registerSecrets(cfg: AppConfig): void {
  secretScrubber.register(cfg.clickup.token, cfg.sync.webhookSecret, databaseUrlPassword(cfg.database.url), ...cfg.mcp.tokens.map((t) => t.token));
}

/**
 * Logs via pino into the process's LogSink, which scrubs secrets from every finished line and
 * writes human-readable lines (default) or JSON (LOG_FORMAT=json, or LOG_LEVEL=debug/trace).
 * `toStderr` is for the stdio MCP entry point and the CLI, where stdout is the protocol channel
 * or the command's output and must carry nothing else.
 */
export function loggerParams(cfg: AppConfig, toStderr = false): Params {
  registerSecrets(cfg);
  logSink.configure({ fd: toStderr ? 2 : 1, format: cfg.http.logFormat });
  return {
    pinoHttp: {
      level: cfg.http.logLevel,
      redact: { paths: REDACT_PATHS, censor: '[REDACTED]' },
      stream: logSink,
      // Query strings can carry tokens (some clients put them there): log the path only.
      serializers: {
        req: (req: { id?: unknown; method?: string; url?: string }) => ({
          id: req.id,
          method: req.method,
          url: (req.url ?? '').split('?')[0],
        }),
      },
      autoLogging: { ignore: (req) => (req.url ?? '').startsWith('/health') },
    },
  };
}
