import { Inject, Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { McpRegistryService } from '@rekog/mcp-nest';
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { ClickupError, ClickupReadOnlyError, ClickupWriteDeferredError } from '../../clickup/clickup.errors';
import { describeClickupError } from '../../clickup/clickup-error-text';
import { WriteOutcomeError } from '../../common/errors/write-outcome-error';
import { AppConfig } from '../../config/app-config';
import { secretScrubber } from '../../common/logging/secret-scrubber';
import { AnswerCacheService, ToolAnswer } from './answer-cache.service';
import { AnyToolDefinition, answersReusable, needsWriteScope, Toolset, ToolCallContext } from './tool-definition';
import { DomainError } from '../../common/errors/domain-error';
import { parseToolArguments } from './tool-arguments';
import { toolsetScope, ToolsetName, WRITE_SCOPE } from './toolsets';

export const MCP_TOOLSETS = Symbol('MCP_TOOLSETS');
export const MCP_ROLE = Symbol('MCP_ROLE');

/**
 * Registers the tools this server exposes: the operator's toolsets (MCP_TOOLSETS), minus every
 * write tool in read-only mode. Over HTTP each tool also requires its toolset scope (and
 * `write` for every tool that changes state or spends the ClickUp budget, see needsWriteScope),
 * which McpAccessGuard grants per token and per X-MCP-Toolsets header. Every handler is wrapped
 * so that arguments are checked in one place (tool-arguments.ts: unknown keys, missing fields,
 * NULs), results are validated against the output schema, and errors never leak internals.
 */
@Injectable()
export class ToolRegistrarService implements OnModuleInit {
  private readonly logger = new Logger('McpTools');
  private registered: AnyToolDefinition[] = [];

  constructor(
    private readonly cfg: AppConfig,
    private readonly registry: McpRegistryService,
    @Inject(MCP_TOOLSETS) private readonly toolsets: Toolset[],
    @Inject(MCP_ROLE) private readonly role: 'server' | 'stdio' | 'cli',
    private readonly answers: AnswerCacheService,
  ) {}

  /** Every tool of every toolset, before filtering (docs generation, registry tests). */
  allTools(): AnyToolDefinition[] {
    return this.toolsets.flatMap((t) => t.tools());
  }

  /** The tools actually registered with the MCP server. */
  registeredTools(): AnyToolDefinition[] {
    return this.registered;
  }

  enabledToolsets(): ToolsetName[] {
    const all = this.toolsets.map((t) => t.name);
    return this.cfg.mcp.toolsets === 'all' ? all : all.filter((n) => (this.cfg.mcp.toolsets as string[]).includes(n));
  }

  onModuleInit(): void {
    const enabled = new Set(this.enabledToolsets());
    for (const tool of this.allTools()) {
      if (!enabled.has(tool.toolset)) continue;
      if (tool.write && this.cfg.mcp.readOnly) continue;
      this.registry.registerTool({
        name: tool.name,
        description: tool.description,
        parameters: publishedParameters(tool),
        outputSchema: tool.output,
        annotations: { title: tool.title, ...tool.annotations },
        // stdio has no HTTP request to carry scopes: the process's own config decides there.
        requiredScopes: this.role === 'stdio' ? undefined : [toolsetScope(tool.toolset), ...(needsWriteScope(tool) ? [WRITE_SCOPE] : [])],
        handler: (args, context, request) => this.call(tool, args, context, request as { user?: { name?: string } } | undefined),
      });
      this.registered.push(tool);
    }
    this.logger.log(`${this.registered.length} MCP tools registered (${[...enabled].join(', ')}${this.cfg.mcp.readOnly ? '; read-only' : ''}).`);
  }

  private async call(
    tool: AnyToolDefinition,
    raw: unknown,
    context: { reportProgress: (p: { progress: number; total?: number; message?: string }) => Promise<void> },
    request: { user?: { name?: string } } | undefined,
  ): Promise<ToolAnswer> {
    const ctx: ToolCallContext = {
      progress: async (done, total, message) => {
        try {
          await context.reportProgress({ progress: done, total, message });
        } catch {
          /* the client may not have asked for progress */
        }
      },
      caller: request?.user?.name ?? null,
    };
    const verdict = parseToolArguments(tool.name, tool.input as z.ZodObject, raw);
    if (!verdict.ok) return errorResult(secretScrubber.scrub(verdict.message));
    // The checked arguments' keys come out in schema order: equal requests, equal keys.
    if (answersReusable(tool))
      return this.answers.answer(`${tool.name}\u0000${JSON.stringify(verdict.args)}`, () => this.run(tool, verdict.args, ctx));
    return this.run(tool, verdict.args, ctx);
  }

  private async run(tool: AnyToolDefinition, args: Record<string, unknown>, ctx: ToolCallContext): Promise<ToolAnswer> {
    try {
      const out = await tool.handler(args, ctx);
      const parsed = tool.output.safeParse(out);
      if (!parsed.success) {
        const ref = randomUUID().slice(0, 8);
        this.logger.error(`Tool ${tool.name} produced output that does not match its schema [${ref}]: ${parsed.error.message}`);
        return errorResult(`Internal error in ${tool.name} (reference ${ref}); the server log has the details.`);
      }
      return {
        content: [{ type: 'text', text: tool.write ? tool.render(parsed.data) : withWarning(parsed.data, tool.render(parsed.data)) }],
        structuredContent: parsed.data as Record<string, unknown>,
      };
    } catch (e) {
      return this.mapError(tool, e);
    }
  }

  private mapError(tool: AnyToolDefinition, e: unknown): ToolAnswer {
    if (e instanceof DomainError) return errorResult(secretScrubber.scrub(e.message));
    // Writes say whether ClickUp refused, failed (maybe applied) or accepted the change: the domain's words.
    if (e instanceof WriteOutcomeError) return errorResult(secretScrubber.scrub(e.message));
    if (e instanceof ClickupReadOnlyError)
      return errorResult('This server is read-only: writes to ClickUp are disabled (MCP_READ_ONLY / CLICKUP_READ_ONLY).');
    // Its sentence already says that nothing changed and when to retry.
    if (e instanceof ClickupWriteDeferredError) return errorResult(e.message);
    // Any other ClickUp failure, said for what it was (refused, unreachable, unreadable); the token never appears in it.
    if (e instanceof ClickupError) return errorResult(secretScrubber.scrub(describeClickupError(e)));
    const ref = randomUUID().slice(0, 8);
    this.logger.error(`Tool ${tool.name} failed [${ref}]: ${secretScrubber.scrub((e as Error)?.stack ?? String(e))}`);
    return errorResult(`Internal error in ${tool.name} (reference ${ref}); the server log has the details.`);
  }
}

/** While the first full sync has not succeeded, a read result's text says so before any number. */
function withWarning(out: { data_complete?: unknown; data_warning?: unknown }, text: string): string {
  return out.data_complete === false && typeof out.data_warning === 'string' ? `⚠ ${capitalize(out.data_warning)}.\n${text}` : text;
}

function capitalize(s: string): string {
  return s ? `${s[0].toUpperCase()}${s.slice(1)}` : s;
}

/**
 * What mcp-nest publishes and checks before our handler runs. Published: the tool's schema,
 * strict, so tools/list says that unknown keys are refused. Checked: nothing — mcp-nest's own
 * check would strip unknown keys silently and answer in zod's words; parseToolArguments (in
 * `call`) does the checking for every transport, and returns one sentence.
 */
function publishedParameters(tool: AnyToolDefinition): AnyToolDefinition['input'] {
  const published = tool.input.strict();
  published.safeParse = ((data: unknown) => ({ success: true, data })) as typeof published.safeParse;
  return published as AnyToolDefinition['input'];
}

function errorResult(text: string): ToolAnswer {
  return { content: [{ type: 'text', text }], isError: true };
}
