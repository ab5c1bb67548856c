// Jest runs TypeScript through SWC with decorator metadata on: NestJS DI needs it
// (tsx/esbuild emit none and DI would inject undefined).
const swc = [
  '@swc/jest',
  {
    jsc: {
      parser: { syntax: 'typescript', decorators: true },
      transform: { legacyDecorator: true, decoratorMetadata: true },
      target: 'es2022',
    },
    module: { type: 'commonjs' },
  },
];
const common = {
  transform: { '^.+\\.ts$': swc },
  moduleFileExtensions: ['ts', 'js', 'json'],
  testEnvironment: 'node',
  rootDir: __dirname,
};
module.exports = {
  testTimeout: 60000,
  // Two suites at a time: most wait on spawned servers, sandboxes, rate limits and timers, not on
  // the CPU. On the 2-vCPU CI machine Jest's default (cores − 1 = one worker) took 1,271 s for
  // the whole run; two workers took 541 s.
  maxWorkers: 2,
  globalSetup: '<rootDir>/test/support/global-setup.ts',
  projects: [
    { ...common, displayName: 'unit', testMatch: ['<rootDir>/src/**/*.spec.ts'] },
    { ...common, displayName: 'e2e', testMatch: ['<rootDir>/test/**/*.e2e-spec.ts'] },
    { ...common, displayName: 'db', testMatch: ['<rootDir>/test/**/*.db-spec.ts'] },
  ],
};
