import * as fs from 'node:fs';
import * as path from 'node:path';
import { currentToolDocs } from '../../src/mcp/docs/generate-tool-docs';

describe('docs/tools.md', () => {
  it('matches the live tools/list (run `npm run docs:tools` after changing a tool)', async () => {
    const committed = fs.readFileSync(path.resolve(__dirname, '../../docs/tools.md'), 'utf8');
    expect(await currentToolDocs()).toEqual(committed);
  });
});
