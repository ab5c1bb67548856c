/*
 * Imported first by every entry point, before any dependency loads: on a Node.js that is too
 * old, say so in one sentence and stop, instead of failing later in a confusing way.
 */
import { nodeVersionProblem } from './common/runtime/node-version';

const problem = nodeVersionProblem(process.versions.node);
if (problem) {
  process.stderr.write(`\n${problem}\n\n`);
  process.exit(1);
}
