import { Logger } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import { hostAllowed } from './token-check';

/**
 * DNS-rebinding protection on every route — REST, /health, /docs, MCP and webhooks alike —
 * installed as the first middleware (see hostAllowed for what passes). A refused request gets
 * a 403 that names the fix and reaches nothing else.
 */
export function hostCheckMiddleware(allowedHosts: string[]) {
  const logger = new Logger('Http');
  return (req: Request, res: Response, next: NextFunction): void => {
    const host = req.headers.host;
    if (hostAllowed(host, allowedHosts)) return next();
    const shown = (host ?? '').slice(0, 100);
    logger.warn(`Refused ${req.method} ${req.path}: Host '${shown}' is not allowed (DNS-rebinding protection).`);
    res.status(403).json({
      statusCode: 403,
      error: 'Forbidden',
      message: `Host '${shown}' is not allowed: add it to MCP_ALLOWED_HOSTS if clients reach this server by that name.`,
    });
  };
}
