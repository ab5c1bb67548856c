import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import type { Tool } from '@modelcontextprotocol/sdk/types.js';
import { AjvJsonSchemaValidator } from '@modelcontextprotocol/sdk/validation/ajv';

type Obj = Record<string, any>;

/** What every tool answer must satisfy in the e2e suites. */
export interface ToolCallerOptions {
  /** The largest structured answer allowed, in characters (the toolset's result budget). */
  maxChars?: number;
}

/**
 * Calls MCP tools the way the e2e suites check them: the call succeeds, the text is not empty, and
 * the structured content validates against the tool's advertised output schema (and fits the
 * budget). `load` reads the schemas once the client is connected.
 */
export class ToolCaller {
  private readonly schemas = new Map<string, Tool>();
  private readonly ajv = new AjvJsonSchemaValidator();

  constructor(private readonly options: ToolCallerOptions = {}) {}

  async load(client: Client): Promise<void> {
    for (const tool of (await client.listTools()).tools) this.schemas.set(tool.name, tool);
  }

  schema(name: string): Tool | undefined {
    return this.schemas.get(name);
  }

  /** The structured answer, with the text the model reads as `_text`. */
  async call(client: Client, name: string, args: Obj = {}): Promise<Obj> {
    const r = await client.callTool({ name, arguments: args });
    const text = ((r.content as Obj[])[0]?.text as string | undefined) ?? '';
    expect({ name, args, isError: r.isError ?? false, text: r.isError ? text : '' }).toEqual({ name, args, isError: false, text: '' });
    expect(text.length).toBeGreaterThan(0);
    const schema = this.schemas.get(name);
    expect({ name, advertised: !!schema }).toEqual({ name, advertised: true });
    const check = this.ajv.getValidator(schema!.outputSchema as Obj)(r.structuredContent);
    expect({ name, valid: check.valid, error: check.errorMessage }).toEqual({ name, valid: true, error: undefined });
    if (this.options.maxChars) expect(JSON.stringify(r.structuredContent).length).toBeLessThanOrEqual(this.options.maxChars);
    return { ...(r.structuredContent as Obj), _text: text };
  }

  /** The error text of a call that must fail. */
  async error(client: Client, name: string, args: Obj): Promise<string> {
    const r = await client.callTool({ name, arguments: args });
    expect({ name, isError: r.isError }).toEqual({ name, isError: true });
    return (r.content as Obj[])[0].text as string;
  }
}
