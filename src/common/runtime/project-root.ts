import * as fs from 'node:fs';
import * as path from 'node:path';

const PACKAGE_NAME = 'clickup-analytics-mcp';
let cached: string | null = null;

/**
 * The project directory (where package.json lives), found from this file's own location, so it
 * is the same whether the code runs from src/ (tests) or dist/src/, and whatever directory a
 * client launched the process from (Claude Desktop's working directory is not the project).
 */
export function projectRoot(): string {
  if (cached) return cached;
  let dir = __dirname;
  for (;;) {
    const manifest = path.join(dir, 'package.json');
    if (fs.existsSync(manifest)) {
      try {
        if ((JSON.parse(fs.readFileSync(manifest, 'utf8')) as { name?: string }).name === PACKAGE_NAME) return (cached = dir);
      } catch {
        /* not ours: keep walking up */
      }
    }
    const parent = path.dirname(dir);
    if (parent === dir) break;
    dir = parent;
  }
  // Installed without its package.json (unusual): two levels above src/common/runtime.
  return (cached = path.resolve(__dirname, '../../..'));
}

/** A path from configuration: absolute as given, relative ones from the project directory. */
export function resolveFromProject(p: string): string {
  return path.isAbsolute(p) ? path.normalize(p) : path.resolve(projectRoot(), p);
}
