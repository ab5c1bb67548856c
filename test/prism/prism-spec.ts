import { readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { resolvePointer } from '../sandbox/support/openapi-schemas';

type Json = any;

export const VENDORED_SPEC = path.resolve(__dirname, '../fixtures/clickup-openapi/clickup-api-v2-reference.json');

/** One change to the copy of ClickUp's spec that Prism serves. */
export interface SpecFix {
  /** JSON pointer into the spec (`/paths/~1v2~1team/get/...`). */
  at: string;
  /** The value that replaces the one there. */
  value: unknown;
  /** Why: every fix repairs a junk example or a contradiction inside the spec itself. */
  reason: string;
}

const op = (method: string, specPath: string) => `/paths/${specPath.replace(/~/g, '~0').replace(/\//g, '~1')}/${method}`;

/**
 * PRISM_FIXES — what the Prism copy changes in the vendored spec (listed in docs/clickup-client.md,
 * "Prism"). Nothing else is touched: Prism validates our requests against the spec as published
 * and answers with its own examples, junk included where our client must cope with it.
 */
export const PRISM_FIXES: SpecFix[] = [
  ...['example', 'schema/examples/0'].map((where) => ({
    at: `${op('get', '/v2/team/{team_id}/space')}/responses/200/content/application~1json/${where}/spaces/0/id`,
    value: '789',
    reason:
      'The spaces example names its first space 790, while every folder and list example (GET /space/{id}/folder, ' +
      '/space/{id}/list, /folder/{id}/list, /list/{id}) lives in space 789: with the ids disagreeing, no list would belong ' +
      'to a known space and no task could be created anywhere.',
  })),
  {
    at: `${op('get', '/v2/team/{team_Id}/time_entries')}/parameters/3/schema`,
    value: { type: 'string', pattern: '^\\d+(,\\d+)*$' },
    reason:
      'The schema types `assignee` as a number while its description documents comma-separated user ids (assignee=1234,9876), the only way to ask for everyone.',
  },
  ...['priority', 'due_date', 'time_estimate', 'start_date'].map((field) => ({
    at: `${op('put', '/v2/task/{task_id}')}/requestBody/content/application~1json/schema/properties/${field}/type`,
    value: ['integer', 'null'],
    reason: `update_task clears ${field} by sending null (ClickUp's way; the spec's own create-task schema types priority integer|null), which this schema, typed integer only, cannot express.`,
  })),
];

/** Writes the vendored spec with PRISM_FIXES applied to `file`; throws if a fix no longer finds its target. */
export function writePrismSpec(file: string): void {
  const doc: Json = JSON.parse(readFileSync(VENDORED_SPEC, 'utf8'));
  for (const fix of PRISM_FIXES) {
    const parentPointer = fix.at.slice(0, fix.at.lastIndexOf('/'));
    const key = decodeURIComponent(
      fix.at
        .slice(fix.at.lastIndexOf('/') + 1)
        .replace(/~1/g, '/')
        .replace(/~0/g, '~'),
    );
    const parent = resolvePointer(doc, parentPointer);
    if (!parent || typeof parent !== 'object' || !(key in parent)) throw new Error(`Prism fix target ${fix.at} does not exist`);
    parent[key] = structuredClone(fix.value);
  }
  writeFileSync(file, JSON.stringify(doc));
}
