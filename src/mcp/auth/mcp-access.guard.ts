import {
  BadRequestException,
  CanActivate,
  ExecutionContext,
  ForbiddenException,
  HttpException,
  Injectable,
  UnauthorizedException,
} from '@nestjs/common';
import type { Request, Response } from 'express';
import { AppConfig } from '../../config/app-config';
import { jsonDepthExceeds, MAX_JSON_DEPTH } from '../../common/text/json-depth';
import { TOOLSETS, toolsetScope, ToolsetName, WRITE_SCOPE } from '../core/toolsets';
import { McpSessionRegistry } from '../sessions/mcp-session-registry.service';
import { checkBearer, originAllowed } from './token-check';

export interface McpCaller {
  name: string;
  scopes: string[];
}

/**
 * Guards /sse, /messages and /mcp. Checks Origin, then the bearer token when tokens are
 * configured, and grants scopes: the operator's toolsets (optionally narrowed per connection by
 * X-MCP-Toolsets — it can never widen them) plus `write` for write-scoped tokens (every token
 * when none are configured). mcp-nest then lists and runs only the tools those scopes allow.
 * A request naming a session must come from the token that created it (McpSessionRegistry),
 * and its scopes are the ones decided here, for this request.
 */
@Injectable()
export class McpAccessGuard implements CanActivate {
  constructor(
    private readonly cfg: AppConfig,
    private readonly sessions: McpSessionRegistry,
  ) {}

  canActivate(context: ExecutionContext): boolean {
    const req = context.switchToHttp().getRequest<Request & { user?: McpCaller }>();
    const res = context.switchToHttp().getResponse<Response>();
    if (!originAllowed(req.headers.origin, this.cfg.mcp.allowedOrigins)) {
      throw new ForbiddenException('Origin not allowed. Add it to MCP_ALLOWED_ORIGINS if this browser app should reach the server.');
    }
    let name = 'local';
    let canWrite = true;
    if (this.cfg.mcp.tokens.length) {
      const verdict = checkBearer(req.headers.authorization, this.cfg.mcp.tokens, Date.now());
      if (!verdict.ok) {
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
      // Read-only mode registers no ClickUp write tool at all; `write` still guards syncs and refreshes.
      canWrite = verdict.token.scope === 'write';
    }
    if (jsonDepthExceeds(req.body)) {
      throw new BadRequestException({
        jsonrpc: '2.0',
        error: { code: -32600, message: `Invalid request: JSON nested deeper than ${MAX_JSON_DEPTH} levels.` },
        id: null,
      });
    }
    const enabled: ToolsetName[] =
      this.cfg.mcp.toolsets === 'all' ? [...TOOLSETS] : TOOLSETS.filter((t) => (this.cfg.mcp.toolsets as string[]).includes(t));
    const requested = parseToolsetsHeader(req.headers['x-mcp-toolsets']);
    const granted = requested ? enabled.filter((t) => requested.includes(t)) : enabled;
    const caller: McpCaller = { name, scopes: [...granted.map(toolsetScope), ...(canWrite ? [WRITE_SCOPE] : [])] };
    req.user = caller;
    this.bindSession(caller, req, res);
    return true;
  }

  private bindSession(caller: McpCaller, req: Request, res: Response): void {
    const path = req.path ?? '';
    if (path === '/sse') return this.sessions.trackSseStream(caller, req, res);
    const id = path === '/messages' ? req.query?.sessionId : req.headers['mcp-session-id'];
    if (id !== undefined) {
      const verdict = this.sessions.admit(typeof id === 'string' ? id : '', caller, req, res, req.method === 'GET');
      if (!verdict.ok) throw new HttpException({ jsonrpc: '2.0', error: { code: -32001, message: verdict.message }, id: null }, verdict.status);
      return;
    }
    if (path === '/mcp' && req.method === 'POST' && isInitialize(req.body)) this.sessions.expectHttpSession(caller, req);
  }
}

function isInitialize(body: unknown): boolean {
  const msgs = Array.isArray(body) ? body : [body];
  return msgs.some((m) => m !== null && typeof m === 'object' && (m as { method?: unknown }).method === 'initialize');
}

function parseToolsetsHeader(raw: string | string[] | undefined): string[] | null {
  if (raw === undefined) return null;
  const names = (Array.isArray(raw) ? raw.join(',') : raw)
    .split(',')
    .map((s) => s.trim().toLowerCase())
    .filter(Boolean);
  const unknown = names.filter((n) => n !== 'all' && !(TOOLSETS as readonly string[]).includes(n));
  if (unknown.length) {
    throw new BadRequestException(`Unknown toolset(s) in X-MCP-Toolsets: ${unknown.join(', ')}. Known: ${TOOLSETS.join(', ')}.`);
  }
  return names.includes('all') ? [...TOOLSETS] : names;
}
