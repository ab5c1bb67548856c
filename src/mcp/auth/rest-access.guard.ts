import { BadRequestException, CanActivate, ExecutionContext, ForbiddenException, Injectable, UnauthorizedException } from '@nestjs/common';
import type { Request } from 'express';
import { AppConfig } from '../../config/app-config';
import { jsonDepthExceeds, MAX_JSON_DEPTH } from '../../common/text/json-depth';
import { checkBearer, originAllowed } from './token-check';

const MCP_PATHS = /^\/(sse|messages|mcp)(\/|\?|$)/;
const OPEN_PATHS = /^\/(health|docs)(\/|\?|$|-json)/;

/**
 * Paths that need a bearer token once tokens are configured: every REST endpoint but /health,
 * the docs and the signed webhook receiver (this guard), and every MCP endpoint (McpAccessGuard).
 * Swagger declares bearer security from this.
 */
export function pathNeedsToken(path: string): boolean {
  return !OPEN_PATHS.test(path) && path !== '/webhooks/clickup';
}

/**
 * The REST side of access control (a global guard). Browser origins are checked everywhere.
 * When MCP tokens are configured: every REST endpoint except /health and /docs needs a valid
 * bearer token, and anything that is not a GET needs a write-scoped one. The ClickUp webhook
 * receiver authenticates by signature instead; the MCP endpoints have McpAccessGuard.
 */
@Injectable()
export class RestAccessGuard implements CanActivate {
  constructor(private readonly cfg: AppConfig) {}

  canActivate(context: ExecutionContext): boolean {
    if (context.getType() !== 'http') return true;
    const req = context.switchToHttp().getRequest<Request>();
    const path = req.path ?? req.url ?? '';
    if (MCP_PATHS.test(path)) return true;
    if (!originAllowed(req.headers.origin, this.cfg.mcp.allowedOrigins)) {
      throw new ForbiddenException('Origin not allowed. Add it to MCP_ALLOWED_ORIGINS if this browser app should reach the server.');
    }
    if (jsonDepthExceeds(req.body)) throw new BadRequestException(`Request body nests deeper than ${MAX_JSON_DEPTH} levels.`);
    if (!this.cfg.mcp.tokens.length || OPEN_PATHS.test(path) || path === '/webhooks/clickup') return true;
    const verdict = checkBearer(req.headers.authorization, this.cfg.mcp.tokens, Date.now());
    if (!verdict.ok) {
      throw new UnauthorizedException(
        verdict.reason === 'missing'
          ? 'Missing bearer token: send Authorization: Bearer <token>.'
          : verdict.reason === 'expired'
            ? `The token '${verdict.name}' has expired.`
            : 'Invalid bearer token.',
      );
    }
    const safe = ['GET', 'HEAD', 'OPTIONS'].includes(req.method);
    if (!safe && verdict.token.scope !== 'write') {
      throw new ForbiddenException(`The token '${verdict.token.name}' is read-only; this endpoint changes things.`);
    }
    return true;
  }
}
