import * as fs from 'node:fs';
import * as path from 'node:path';
import { MINIMUM_NODE, nodeVersionProblem } from './node-version';

describe('nodeVersionProblem', () => {
  it.each([
    ['20.11.1', true],
    ['v20.18.3', true],
    ['18.20.0', true],
    ['20.19.0', false],
    ['v20.20.2', false],
    ['22.0.0', false],
    ['24.11.0', false],
    ['not-a-version', false],
  ])('%s → too old: %s', (version, tooOld) => {
    const problem = nodeVersionProblem(version);
    expect(problem !== null).toBe(tooOld);
    if (problem) {
      expect(problem).toContain(`Node.js ${version.replace(/^v/, '')}`);
      expect(problem).toContain(`Node.js ${MINIMUM_NODE} or newer`);
    }
  });

  it('package.json engines declares the same minimum', () => {
    const pkg = JSON.parse(fs.readFileSync(path.resolve(__dirname, '../../../package.json'), 'utf8'));
    expect(pkg.engines.node).toBe(`>=${MINIMUM_NODE.replace(/\.0$/, '')}`);
  });
});
