import { Logger } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import { hostAllowed, originAllowed } from './token-check';

/**
 * DNS-rebinding and cross-site protection on every route — REST, /health, Swagger, MCP and
 * webhooks alike — installed as the first middleware, so it also covers what Nest's guards do
 * not see (Swagger, unknown paths): a Host a rebinding page would use (see hostAllowed), and a
 * foreign browser Origin (see originAllowed). A refused request gets a 403 that names the fix
 * and reaches nothing else.
 */
export function hostCheckMiddleware(allowedHosts: string[], allowedOrigins: string[]) {
  const logger = new Logger('Http');
  return (req: Request, res: Response, next: NextFunction): void => {
    const host = req.headers.host;
    const origin = req.headers.origin;
    let message: string | null = null;
    if (!hostAllowed(host, allowedHosts)) {
      message = `Host '${(host ?? '').slice(0, 100)}' is not allowed: add it to MCP_ALLOWED_HOSTS if clients reach this server by that name.`;
    } else if (!originAllowed(origin, allowedOrigins)) {
      message = 'Origin not allowed. Add it to MCP_ALLOWED_ORIGINS if this browser app should reach the server.';
    }
    if (message === null) return next();
    logger.warn(`Refused ${req.method} ${req.path}: ${message}`);
    res.status(403).json({ statusCode: 403, error: 'Forbidden', message });
  };
}
