import { z } from 'zod';
import { TOOL_CONTRACT } from '../support/tool-contract';
import { ToolRegistrarService } from '../../src/mcp/core/tool-registrar.service';
import { TOOLSETS } from '../../src/mcp/core/toolsets';
import { startTestApp, TestApp } from '../support/test-app';

/** Names per docs/tools.md for the toolsets this server implements so far. */

describe('tool registry', () => {
  let t: TestApp;
  let tools: ReturnType<ToolRegistrarService['allTools']>;

  beforeAll(async () => {
    t = await startTestApp('pglite', { CLICKUP_API_TOKEN: 'pk_registry_test', CLICKUP_API_BASE_URL: 'http://127.0.0.1:9/api/v2' });
    tools = t.app.get(ToolRegistrarService).allTools();
  });
  afterAll(async () => t?.close());

  it('has every contracted tool of the implemented toolsets, each in the right toolset, names unique', () => {
    const names = tools.map((x) => x.name);
    expect(new Set(names).size).toBe(names.length);
    for (const [toolset, expected] of Object.entries(TOOL_CONTRACT)) {
      expect(
        tools
          .filter((x) => x.toolset === toolset)
          .map((x) => x.name)
          .sort(),
      ).toEqual([...expected].sort());
    }
  });

  it('every tool declares all four annotation hints, a title, a known toolset and a concise description', () => {
    for (const tool of tools) {
      const a = tool.annotations;
      expect({ tool: tool.name, hints: [typeof a.readOnlyHint, typeof a.destructiveHint, typeof a.idempotentHint, typeof a.openWorldHint] }).toEqual({
        tool: tool.name,
        hints: ['boolean', 'boolean', 'boolean', 'boolean'],
      });
      expect(TOOLSETS).toContain(tool.toolset);
      expect(tool.title.length).toBeGreaterThan(2);
      expect(tool.description.length).toBeGreaterThan(20);
      expect(tool.description.length).toBeLessThanOrEqual(300);
      // A write tool says so; a read tool never claims to change anything.
      expect(a.readOnlyHint).toBe(!tool.write && !a.openWorldHint);
    }
  });

  it('input schemas are flat objects: no top-level unions, every field described, strings bounded', () => {
    for (const tool of tools) {
      expect(tool.input).toBeInstanceOf(z.ZodObject);
      const json = z.toJSONSchema(tool.input, { io: 'input' }) as {
        type: string;
        properties?: Record<string, { description?: string; type?: string | string[]; maxLength?: number; enum?: unknown[]; anyOf?: unknown }>;
      };
      expect(json.type).toBe('object');
      for (const [field, schema] of Object.entries(json.properties ?? {})) {
        expect({ tool: tool.name, field, described: typeof schema.description === 'string' }).toEqual({ tool: tool.name, field, described: true });
        // An enum is bounded by its values.
        if (schema.type === 'string' && !schema.enum)
          expect({ tool: tool.name, field, bounded: typeof schema.maxLength === 'number' }).toEqual({ tool: tool.name, field, bounded: true });
      }
    }
  });

  it('every output schema carries data_as_of, data_complete, data_warning and demo', () => {
    for (const tool of tools)
      expect(Object.keys(tool.output.shape)).toEqual(expect.arrayContaining(['data_as_of', 'data_complete', 'data_warning', 'demo']));
  });
});
