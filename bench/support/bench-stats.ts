import * as os from 'node:os';

/** Nearest-rank percentile of a sample (p in 0..100); NaN for an empty sample. */
export function percentile(values: number[], p: number): number {
  if (!values.length) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[rank - 1];
}

export interface LatencySummary {
  n: number;
  p50: number;
  p95: number;
  max: number;
  mean: number;
}

export function summarize(values: number[]): LatencySummary {
  const r = (x: number) => Math.round(x * 10) / 10;
  return {
    n: values.length,
    p50: r(percentile(values, 50)),
    p95: r(percentile(values, 95)),
    max: r(Math.max(...values)),
    mean: r(values.reduce((s, v) => s + v, 0) / Math.max(1, values.length)),
  };
}

/** The 1/5/15-minute load averages: the machine is shared, so every figure is recorded with them. */
export function loadAverages(): string {
  return os
    .loadavg()
    .map((x) => x.toFixed(2))
    .join(' ');
}

export function machine(): string {
  return `${os.cpus().length} vCPU ${os.cpus()[0]?.model.trim()}, ${Math.round(os.totalmem() / 1024 ** 3)} GB RAM, Node ${process.version}, ${os.platform()} ${os.release()}`;
}

export const ms = (since: bigint): number => Number(process.hrtime.bigint() - since) / 1e6;
