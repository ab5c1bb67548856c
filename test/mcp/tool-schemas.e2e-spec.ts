import { startTestApp, TestApp } from '../support/test-app';
import { connectClient } from './mcp-clients';

/**
 * Every tool's published schema (input, output, annotations) as clients see it, compared with the
 * committed snapshot: a changed contract is a deliberate `jest -u`, never an accident.
 */
describe('tool schemas', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp('pglite', { CLICKUP_API_TOKEN: 'pk_schema_test', CLICKUP_API_BASE_URL: 'http://127.0.0.1:9/api/v2' });
  });
  afterAll(async () => t?.close());

  it('match the snapshot', async () => {
    const c = await connectClient('http', { url: t.url });
    const { tools } = await c.listTools();
    await c.close();
    for (const tool of [...tools].sort((a, b) => a.name.localeCompare(b.name))) {
      expect({
        description: tool.description,
        annotations: tool.annotations,
        inputSchema: tool.inputSchema,
        outputSchema: tool.outputSchema,
      }).toMatchSnapshot(tool.name);
    }
  });
});
