import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseEnv } from 'node:util';

/** A .env file exists but cannot be used: the user must fix or remove it. */
export class EnvFileError extends Error {
  constructor(file: string, reason: string) {
    super(`${file} exists but cannot be read (${reason}). Fix its permissions, or remove it to run on the environment and defaults alone.`);
    this.name = 'EnvFileError';
  }
}

export interface EnvFileResult {
  /** Absolute path of the file that was read, or null when there is none (normal: env and defaults). */
  path: string | null;
  /** Where we looked, for the start-up summary ("no .env in …"). */
  lookedFor: string;
  /** Variables the file set (those already in the environment win and are not counted). */
  applied: number;
}

/**
 * Loads `.env` from the working directory into `target` (process.env by default); variables
 * that are already set win, as with dotenv. A missing file is normal and reported as such; an
 * unreadable one (permissions, a directory) is an error, never silently skipped.
 */
export function loadEnvFile(file: string = path.resolve('.env'), target: NodeJS.ProcessEnv = process.env): EnvFileResult {
  const abs = path.resolve(file);
  let text: string;
  try {
    text = fs.readFileSync(abs, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return { path: null, lookedFor: abs, applied: 0 };
    throw new EnvFileError(
      abs,
      code === 'EACCES' || code === 'EPERM' ? 'permission denied' : code === 'EISDIR' ? 'it is a directory' : (code ?? String(e)),
    );
  }
  let applied = 0;
  for (const [key, value] of Object.entries(parseEnv(text))) {
    if (target[key] !== undefined) continue;
    target[key] = value;
    applied++;
  }
  return { path: abs, lookedFor: abs, applied };
}
