import type { Params } from 'nestjs-pino';
import pino from 'pino';
import { AppConfig } from '../../config/app-config';
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
  secretScrubber.register(
    cfg.clickup.token,
    cfg.sync.webhookSecret,
    databaseUrlPassword(cfg.database.url),
    ...cfg.mcp.tokens.map((t) => t.token),
  );
}

/**
 * Structured JSON logs via pino. `toStderr` is for the stdio MCP entry point, where stdout is
 * the protocol channel and must carry nothing else.
 */
export function loggerParams(cfg: AppConfig, toStderr = false): Params {
  registerSecrets(cfg);
  return {
    pinoHttp: {
      level: cfg.http.logLevel,
      redact: { paths: REDACT_PATHS, censor: '[REDACTED]' },
      stream: toStderr ? pino.destination(2) : undefined,
      hooks: {
        logMethod(args, method) {
          const scrubbed = args.map((a) => secretScrubber.scrubDeep(a)) as typeof args;
          return method.apply(this, scrubbed);
        },
      },
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
