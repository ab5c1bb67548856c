import { Random } from '../generator/prng';
import { FaultConfig } from '../sandbox-faults.types';

export type FaultDecision =
  | { kind: 'none'; slowMs: number; malformed: boolean }
  | { kind: 'storm' }
  | { kind: 'timeout' }
  | { kind: 'drop'; slowMs: number }
  | { kind: 'error5xx'; status: 500 | 502 | 503 };

const RATE_KEYS = ['errorRate5xx', 'slowRate', 'timeoutRate', 'dropRate', 'malformedRate'] as const;

/**
 * Decides, per API request, which fault (if any) it meets. Every in-scope request consumes the
 * same number of draws whatever the configuration, so a run is reproducible from the seed and
 * the request order alone.
 */
export class FaultInjector {
  private config: FaultConfig = {};
  private random: Random;
  private stormLeft = 0;
  private malformedOnce: string | null = null;

  constructor(private readonly defaultSeed: number) {
    this.random = new Random(defaultSeed).fork('faults');
  }

  set(config: FaultConfig): void {
    for (const key of RATE_KEYS) {
      const v = config[key];
      if (v !== undefined && (typeof v !== 'number' || v < 0 || v > 1)) throw new Error(`${key} must be a number in [0, 1]`);
    }
    if (config.slowMs !== undefined && (typeof config.slowMs !== 'number' || config.slowMs < 0)) throw new Error('slowMs must be ≥ 0');
    const storm = config.rateLimitStorm?.requests ?? 0;
    if (!Number.isInteger(storm) || storm < 0) throw new Error('rateLimitStorm.requests must be a non-negative integer');
    this.config = structuredClone(config);
    this.random = new Random(config.seed ?? this.defaultSeed).fork('faults');
    this.stormLeft = storm;
    this.malformedOnce = config.malformedOnce ?? null;
  }

  /** The configuration with the storm and one-shot counters as they stand now. */
  current(): FaultConfig {
    const out = structuredClone(this.config);
    if (this.config.rateLimitStorm) out.rateLimitStorm = { requests: this.stormLeft };
    if (this.malformedOnce) out.malformedOnce = this.malformedOnce;
    else delete out.malformedOnce;
    return out;
  }

  decide(template: string): FaultDecision {
    const c = this.config;
    if (c.endpoints && !c.endpoints.includes(template)) return { kind: 'none', slowMs: 0, malformed: false };
    const [rTimeout, rDrop, r5xx, rSlow, rMalformed, rVariant] = Array.from({ length: 6 }, () => this.random.next());
    if (this.stormLeft > 0) {
      this.stormLeft--;
      return { kind: 'storm' };
    }
    if (rTimeout < (c.timeoutRate ?? 0)) return { kind: 'timeout' };
    if (r5xx < (c.errorRate5xx ?? 0)) return { kind: 'error5xx', status: rVariant < 0.5 ? 500 : rVariant < 0.75 ? 502 : 503 };
    const slowMs = rSlow < (c.slowRate ?? 0) ? (c.slowMs ?? 2000) : 0;
    if (rDrop < (c.dropRate ?? 0)) return { kind: 'drop', slowMs };
    let malformed = rMalformed < (c.malformedRate ?? 0);
    if (this.malformedOnce === template) {
      malformed = true;
      this.malformedOnce = null;
    }
    return { kind: 'none', slowMs, malformed };
  }

  /** A fresh draw for choosing how to corrupt a body. */
  variant(): number {
    return this.random.next();
  }
}

const ARRAY_KEYS = ['tasks', 'data', 'spaces', 'folders', 'lists', 'teams', 'webhooks', 'members'];
const DATE_KEYS = ['date_updated', 'date_created', 'start', 'at', 'due_date', 'date_joined'];

/**
 * Wrong types in an otherwise valid-looking body: either the main array becomes an object, or a
 * date inside the first item becomes `{}`. A client must reject it (and not store garbage).
 */
export function corruptBody(body: unknown, variant: number): unknown {
  if (body === null || typeof body !== 'object') return body;
  const copy = structuredClone(body) as Record<string, unknown>;
  const arrayKey = ARRAY_KEYS.find((k) => Array.isArray(copy[k]));
  if (arrayKey) {
    const items = copy[arrayKey] as unknown[];
    const first = items[0];
    if (variant < 0.5 || first === null || typeof first !== 'object') {
      copy[arrayKey] = { ...items.slice(0, 1) };
      return copy;
    }
    corruptObject(first as Record<string, unknown>);
    return copy;
  }
  const target = copy.data && typeof copy.data === 'object' ? (copy.data as Record<string, unknown>) : copy;
  corruptObject(target);
  return copy;
}

function corruptObject(obj: Record<string, unknown>): void {
  const key = DATE_KEYS.find((k) => k in obj) ?? Object.keys(obj).find((k) => typeof obj[k] === 'string') ?? 'id';
  obj[key] = {};
}
