import { z } from 'zod';
import { AnyReportDefinition } from './report-catalog';

type JsonSchema = Record<string, unknown> & { properties?: Record<string, Record<string, unknown>>; required?: string[] };

/**
 * OpenAPI paths for the report endpoints, generated from the same zod schemas as the tools, so
 * Swagger lists each report with its query parameters and JSON shape (and CSV where there is one).
 */
export function reportPaths(defs: AnyReportDefinition[]): Record<string, unknown> {
  const paths: Record<string, unknown> = {};
  for (const d of defs) {
    const input = z.toJSONSchema(d.input, { io: 'input', unrepresentable: 'any' }) as JsonSchema;
    const output = z.toJSONSchema(d.output, { io: 'output', unrepresentable: 'any' }) as JsonSchema;
    const parameters = Object.entries(input.properties ?? {}).map(([name, s]) => ({
      name,
      in: 'query',
      required: (input.required ?? []).includes(name),
      description: s.description,
      schema: { ...s, description: undefined },
    }));
    parameters.push({
      name: 'format',
      in: 'query',
      required: false,
      description: d.rows ? 'json (default) or csv: one row per person × day (timesheets) or per person × project × task.' : 'json only.',
      schema: { type: 'string', enum: d.rows ? ['json', 'csv'] : ['json'] } as never,
    });
    const content: Record<string, unknown> = { 'application/json': { schema: { ...output, $schema: undefined } } };
    if (d.rows) content['text/csv'] = { schema: { type: 'string' } };
    paths[`/api/reports/${d.name}`] = {
      get: {
        tags: ['reports'],
        summary: d.title,
        description: d.description,
        operationId: d.name,
        parameters,
        responses: {
          200: { description: 'The report (the same JSON as the MCP tool, without data_as_of/demo).', content },
          400: { description: 'A bad argument, named in one sentence.' },
          404: { description: 'An unknown name (space, folder, list, project, person or task) with the closest candidates.' },
        },
      },
    };
  }
  return paths;
}
