import { parseArgs } from 'node:util';
import { GENERATOR_SIZES, GeneratorSizeName } from './generator/generator-size';
import { FaultConfig } from './sandbox-faults.types';
import { SandboxServer } from './sandbox-server';

const USAGE = `Usage: node dist/src/sandbox/sandbox-cli.js [options]

Serves a generated ClickUp workspace over the ClickUp API v2 until SIGINT/SIGTERM.

  --size tiny|demo|large   workspace size (default demo)
  --port N                 port (default 9100; 0 = random)
  --host H                 interface (default 127.0.0.1)
  --seed N                 generator seed (default 42)
  --now MS                 anchor for generated dates in epoch ms (default: now)
  --rate-limit N           requests per minute per token (default 100; 0 = off)
  --faults JSON            fault injection, e.g. '{"errorRate5xx":0.1}'
  --latency MS             extra latency per API response (default 0)
`;

function intOption(name: string, raw: string | undefined, fallback: number): number {
  if (raw === undefined) return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 0) throw new Error(`--${name} must be a non-negative integer`);
  return n;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      size: { type: 'string', default: 'demo' },
      port: { type: 'string' },
      host: { type: 'string', default: '127.0.0.1' },
      seed: { type: 'string' },
      now: { type: 'string' },
      'rate-limit': { type: 'string' },
      faults: { type: 'string' },
      latency: { type: 'string' },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) {
    process.stdout.write(USAGE);
    return;
  }
  const size = values.size as GeneratorSizeName;
  if (!(size in GENERATOR_SIZES)) throw new Error(`--size must be one of ${Object.keys(GENERATOR_SIZES).join(', ')}`);
  const faults = values.faults ? (JSON.parse(values.faults) as FaultConfig) : undefined;

  const started = Date.now();
  const server = await SandboxServer.start({
    size,
    port: intOption('port', values.port, 9100),
    host: values.host,
    seed: intOption('seed', values.seed, 42),
    now: values.now ? intOption('now', values.now, Date.now()) : undefined,
    rateLimitPerMinute: intOption('rate-limit', values['rate-limit'], 100),
    latencyMs: intOption('latency', values.latency, 0),
    faults,
    onError: (error) => {
      process.stderr.write(`sandbox bug: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    },
  });
  const { tasks, timeEntries } = server.store.state;
  process.stdout.write(
    [
      `ClickUp sandbox ready in ${Date.now() - started} ms (${size}: ${tasks.size} tasks, ${timeEntries.size} time entries)`,
      `base URL:     ${server.baseUrl}`,
      `owner token:  ${server.ownerToken}`,
      `workspace id: ${server.store.workspaceId}`,
      `admin routes: ${server.origin}/_sandbox (owner token)`,
      '',
    ].join('\n'),
  );

  const shutdown = (signal: string) => {
    process.stderr.write(`${signal}: closing the sandbox\n`);
    server.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once('SIGINT', () => shutdown('SIGINT'));
  process.once('SIGTERM', () => shutdown('SIGTERM'));
}

main().catch((error) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n\n${USAGE}`);
  process.exit(1);
});
