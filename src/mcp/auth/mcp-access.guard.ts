import { BadRequestException, CanActivate, ExecutionContext, ForbiddenException, Injectable, UnauthorizedException } from '@nestjs/common';
import type { Request, Response } from 'express';
import { AppConfig } from '../../config/app-config';
import { TOOLSETS, toolsetScope, ToolsetName, WRITE_SCOPE } from '../core/toolsets';
import { checkBearer, originAllowed } from './token-check';

export interface McpCaller {
  name: string;
  scopes: string[];
}

/**
 * Guards /sse, /messages and /mcp. Checks Origin, then the bearer token when tokens are
 * configured, and grants scopes: the operator's toolsets (optionally narrowed per connection by
 * X-MCP-Toolsets — it can never widen them) plus `write` for write-scoped tokens unless the
 * server is read-only. mcp-nest then lists and runs only the tools those scopes allow.
 */
@Injectable()
export class McpAccessGuard implements CanActivate {
  constructor(private readonly cfg: AppConfig) {}

  canActivate(context: ExecutionContext): boolean {
    const req = context.switchToHttp().getRequest<Request & { user?: McpCaller }>();
    if (!originAllowed(req.headers.origin, this.cfg.mcp.allowedOrigins)) {
      throw new ForbiddenException('Origin not allowed. Add it to MCP_ALLOWED_ORIGINS if this browser app should reach the server.');
    }
    let name = 'local';
    let canWrite = !this.cfg.mcp.readOnly;
    if (this.cfg.mcp.tokens.length) {
      const verdict = checkBearer(req.headers.authorization, this.cfg.mcp.tokens, Date.now());
      if (!verdict.ok) {
        const res = context.switchToHttp().getResponse<Response>();
        res.setHeader?.('WWW-Authenticate', 'Bearer realm="clickup-analytics-mcp"');
        throw new UnauthorizedException(
          verdict.reason === 'missing'
            ? 'Missing bearer token: send Authorization: Bearer <MCP token>.'
            : verdict.reason === 'expired'
              ? `The token '${verdict.name}' has expired.`
              : 'Invalid bearer token.',
        );
      }
      name = verdict.token.name;
      canWrite = canWrite && verdict.token.scope === 'write';
    }
    const enabled: ToolsetName[] =
      this.cfg.mcp.toolsets === 'all' ? [...TOOLSETS] : TOOLSETS.filter((t) => (this.cfg.mcp.toolsets as string[]).includes(t));
    const requested = parseToolsetsHeader(req.headers['x-mcp-toolsets']);
    const granted = requested ? enabled.filter((t) => requested.includes(t)) : enabled;
    req.user = { name, scopes: [...granted.map(toolsetScope), ...(canWrite ? [WRITE_SCOPE] : [])] };
    return true;
  }
}

function parseToolsetsHeader(raw: string | string[] | undefined): string[] | null {
  if (raw === undefined) return null;
  const names = (Array.isArray(raw) ? raw.join(',') : raw).split(',').map((s) => s.trim().toLowerCase()).filter(Boolean);
  const unknown = names.filter((n) => n !== 'all' && !(TOOLSETS as readonly string[]).includes(n));
  if (unknown.length) {
    throw new BadRequestException(`Unknown toolset(s) in X-MCP-Toolsets: ${unknown.join(', ')}. Known: ${TOOLSETS.join(', ')}.`);
  }
  return names.includes('all') ? [...TOOLSETS] : names;
}
