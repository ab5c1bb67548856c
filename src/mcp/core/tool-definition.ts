import type { ToolAnnotations } from '@modelcontextprotocol/sdk/types.js';
import { z } from 'zod';
import { ToolsetName } from './toolsets';

/** What a tool handler gets besides its arguments. */
export interface ToolCallContext {
  /** Reports progress to the client when it asked for it (SSE and stateful HTTP). */
  progress(done: number, total: number | undefined, message: string): Promise<void>;
  /** The authenticated caller's token name, when auth is on (for audit logs). */
  caller: string | null;
}

/**
 * One tool, declared once: name, toolset, schemas, annotations and the handler. Toolset files
 * return lists of these; the registrar filters (toolsets, read-only) and registers them.
 */
export interface ToolDefinition<I extends z.ZodRawShape = z.ZodRawShape, O extends z.ZodRawShape = z.ZodRawShape> {
  name: string;
  toolset: ToolsetName;
  title: string;
  /** Short and precise: small local models read it to pick the tool. */
  description: string;
  input: z.ZodObject<I>;
  output: z.ZodObject<O>;
  /**
   * From a preset in annotations.ts. `readOnlyHint: false` also decides access: such a tool
   * changes state or spends the ClickUp budget, so it needs a write-scoped token (needsWriteScope).
   */
  annotations: ToolAnnotations;
  /** Changes ClickUp or server state (the project registry): dropped in read-only mode; like every non-read-only tool, needs the write scope. */
  write: boolean;
  /**
   * Acts (clear_cache) or answers from live process state besides the database and the clock
   * (running syncs, leases, cache ages): its answers are never reused by the answer cache.
   * Every other READ tool's answers may be.
   */
  neverReuse?: boolean;
  handler: (args: z.output<z.ZodObject<I>>, ctx: ToolCallContext) => Promise<z.input<z.ZodObject<O>>>;
  /** Concise text rendering of the structured result (the model reads this first). */
  render: (out: z.output<z.ZodObject<O>>) => string;
}

/**
 * One access policy for MCP and REST alike: anything that changes state (in ClickUp or in our
 * database) or spends the ClickUp request budget — a write, a sync, a cache refresh — needs the
 * `write` scope. A tool declares which it is through its annotation preset: only READ tools
 * (readOnlyHint: true, answered from the database) are open to read-scoped tokens.
 */
export function needsWriteScope(tool: Pick<ToolDefinition, 'write' | 'annotations'>): boolean {
  return tool.write || tool.annotations.readOnlyHint !== true || tool.annotations.openWorldHint === true;
}

/** Whether the answer cache may reuse this tool's answers (AnswerCacheService): database reads only. */
export function answersReusable(tool: Pick<ToolDefinition, 'write' | 'annotations' | 'neverReuse'>): boolean {
  return !needsWriteScope(tool) && !tool.neverReuse;
}

/** Identity with type inference, so toolset files stay declarative. */
export function defineTool<I extends z.ZodRawShape, O extends z.ZodRawShape>(def: ToolDefinition<I, O>): ToolDefinition<I, O> {
  return def;
}

export type AnyToolDefinition = ToolDefinition<any, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

/** A provider that contributes the tools of one toolset. */
export interface Toolset {
  readonly name: ToolsetName;
  tools(): AnyToolDefinition[];
}
