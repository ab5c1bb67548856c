import { Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { ErrorCode, McpError } from '@modelcontextprotocol/sdk/types.js';
import { McpRegistryService } from '@rekog/mcp-nest';
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { secretScrubber } from '../../common/logging/secret-scrubber';
import { ScopeResolverService } from '../../mapping/scope-resolver.service';
import { DomainError } from '../../common/errors/domain-error';
import { ToolRegistrarService } from '../core/tool-registrar.service';
import { toolsetScope, WRITE_SCOPE } from '../core/toolsets';
import { PromptScope, renderReportPrompt, REPORT_PROMPTS, ReportPromptDefinition } from './report-prompts';

const periodArg = z
  .string()
  .trim()
  .min(1)
  .max(40)
  .regex(/^[A-Za-z0-9_:\- ]+$/, 'letters, digits, _ - : and spaces only');

interface CallerRequest {
  user?: { scopes?: string[] };
}

/**
 * MCP prompts for the common reports (daily standup, weekly report, project health review).
 * The project argument is resolved here, against the synced hierarchy, so the model gets an
 * exact id to pass instead of a name it may misspell; the steps name only tools the caller has.
 */
@Injectable()
export class ReportPromptsService implements OnModuleInit {
  private readonly logger = new Logger('McpPrompts');

  constructor(
    private readonly registry: McpRegistryService,
    private readonly scopes: ScopeResolverService,
    private readonly tools: ToolRegistrarService,
  ) {}

  onModuleInit(): void {
    for (const def of REPORT_PROMPTS) {
      const schema = argsSchema(def);
      this.registry.registerPrompt({
        name: def.name,
        description: def.description,
        parameters: schema,
        handler: (args, _context, request) => this.get(def, schema, args, request as CallerRequest | undefined),
      });
    }
  }

  /** mcp-nest does not validate dynamic prompt arguments, nor map plain errors: both happen here. */
  private async get(
    def: ReportPromptDefinition,
    schema: ReturnType<typeof argsSchema>,
    raw: Record<string, string> | undefined,
    request: CallerRequest | undefined,
  ) {
    const parsed = schema.safeParse(raw ?? {});
    if (!parsed.success) {
      const issues = parsed.error.issues.map((i) => `${i.path.join('.') || 'arguments'}: ${i.message}`).join('; ');
      throw new McpError(ErrorCode.InvalidParams, `Invalid arguments for prompt ${def.name}: ${issues}.`);
    }
    try {
      const scope = await this.scope(parsed.data.project);
      const text = renderReportPrompt(def, scope, parsed.data.period ?? def.defaultPeriod, this.availableTools(request));
      return { description: def.description, messages: [{ role: 'user' as const, content: { type: 'text' as const, text } }] };
    } catch (e) {
      if (e instanceof DomainError) throw new McpError(ErrorCode.InvalidParams, secretScrubber.scrub(e.message));
      const ref = randomUUID().slice(0, 8);
      this.logger.error(`Prompt ${def.name} failed [${ref}]: ${secretScrubber.scrub((e as Error)?.stack ?? String(e))}`);
      throw new McpError(ErrorCode.InternalError, `Internal error in prompt ${def.name} (reference ${ref}); the server log has the details.`);
    }
  }

  /** Registered tools this caller may call: over HTTP the guard's scopes narrow them further. */
  private availableTools(request: CallerRequest | undefined): Set<string> {
    const scopes = request?.user?.scopes;
    return new Set(
      this.tools
        .registeredTools()
        .filter((t) => !scopes || (scopes.includes(toolsetScope(t.toolset)) && (!t.write || scopes.includes(WRITE_SCOPE))))
        .map((t) => t.name),
    );
  }

  /** The project argument through the one scope resolver (aliases, spaces, folders, lists). */
  private async scope(given: string | undefined): Promise<PromptScope> {
    const ws = await this.scopes.workspaceId();
    if (!given) return { kind: 'workspace', id: ws, name: 'whole workspace' };
    const s = await this.scopes.project(ws, given);
    const where = s.label.slice(`${s.kind} ${s.name}`.length).trim();
    return { kind: s.kind, id: s.id, name: s.name, where: where || undefined };
  }
}

function argsSchema(def: ReportPromptDefinition) {
  const project = z.string().trim().min(1).max(200);
  const projectHelp = 'Space, folder or list: id or name (case-insensitive; a unique prefix works).';
  return z.object({
    project: def.projectRequired ? project.describe(projectHelp) : project.optional().describe(`${projectHelp} Default: the whole workspace.`),
    period: periodArg
      .optional()
      .describe(`Report period, e.g. today, yesterday, this_week, last_week, last_30_days, 2026-W47 (default ${def.defaultPeriod}).`),
  });
}
