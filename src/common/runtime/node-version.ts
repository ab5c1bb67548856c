/**
 * The oldest Node.js the product runs on. typeorm 1.x and yargs need 20.19 (on 20.11
 * `migration:run` silently ignored .env, because process.loadEnvFile did not exist yet);
 * package.json `engines` says the same (a unit test keeps the two in step).
 */
export const MINIMUM_NODE = '20.19.0';

function parts(v: string): [number, number, number] | null {
  const m = /^v?(\d+)\.(\d+)\.(\d+)/.exec(v.trim());
  return m ? [Number(m[1]), Number(m[2]), Number(m[3])] : null;
}

/** One actionable sentence when `version` is older than MINIMUM_NODE; null when it is new enough. */
export function nodeVersionProblem(version: string, minimum: string = MINIMUM_NODE): string | null {
  const have = parts(version);
  const need = parts(minimum)!;
  if (!have) return null; // an unparseable version string is not ours to judge
  for (let i = 0; i < 3; i++) {
    if (have[i] > need[i]) return null;
    if (have[i] < need[i]) {
      return (
        `clickup-analytics-mcp needs Node.js ${minimum} or newer, but this is Node.js ${version.replace(/^v/, '')}. ` +
        'Install a current Node.js 20, 22 or 24 (https://nodejs.org or your version manager: `nvm install 22`) and run the command again.'
      );
    }
  }
  return null;
}
