/** One computed answer and what it depended on. */
export interface Computed<T> {
  value: T;
  /** False for answers that must never be reused (errors, data still incomplete). */
  cacheable: boolean;
  /** The values of "now" the computation read (ms); empty when it never read the clock. */
  instants: Set<number>;
}

interface Entry<T> {
  stamp: string;
  /** The one clock instant the answer depends on; null when it does not depend on the clock. */
  instant: number | null;
  value: T;
  size: number;
  /** performance.now() when it was stored. */
  at: number;
}

export interface AnswerCacheStats {
  entries: number;
  size: number;
  hits: number;
  misses: number;
  /** performance.now() of the oldest entry's computation (null when empty). */
  oldestAt: number | null;
}

/**
 * Answers reused while nothing they depend on has changed. An entry is reused only for the same
 * key, the same stamp (the caller's word for "the data and every in-memory copy of it are as they
 * were": see AnswerCacheService) and, for answers that read the clock, the same clock instant.
 * Identical requests that arrive while the first is being computed wait for it instead of
 * computing it again (single flight). Least recently used entries go first once `maxSize` (in the
 * units of `sizeOf`) would be exceeded; an answer larger than a quarter of it is never held.
 */
export class AnswerCache<T> {
  private readonly entries = new Map<string, Entry<T>>();
  private readonly pending = new Map<string, { stamp: string; done: Promise<Entry<T> | null> }>();
  private size = 0;
  private hits = 0;
  private misses = 0;

  constructor(
    private readonly maxSize: number,
    private readonly sizeOf: (value: T) => number,
  ) {}

  async answer(key: string, stamp: string, instantNow: () => number, compute: () => Promise<Computed<T>>): Promise<{ value: T; reused: boolean }> {
    const held = this.entries.get(key);
    if (held && reusable(held, stamp, instantNow)) {
      // Most recently used last: the Map's order is the eviction order.
      this.entries.delete(key);
      this.entries.set(key, held);
      this.hits++;
      return { value: held.value, reused: true };
    }
    const inFlight = this.pending.get(key);
    if (inFlight && inFlight.stamp === stamp) {
      const e = await inFlight.done;
      if (e && reusable(e, stamp, instantNow)) {
        this.hits++;
        return { value: e.value, reused: true };
      }
    }
    this.misses++;
    let resolve!: (e: Entry<T> | null) => void;
    const done = new Promise<Entry<T> | null>((r) => (resolve = r));
    const mine = { stamp, done };
    this.pending.set(key, mine);
    try {
      const c = await compute();
      const entry = c.cacheable && c.instants.size <= 1 ? this.store(key, stamp, c) : null;
      resolve(entry);
      return { value: c.value, reused: false };
    } catch (e) {
      resolve(null);
      throw e;
    } finally {
      if (this.pending.get(key) === mine) this.pending.delete(key);
    }
  }

  clear(): void {
    this.entries.clear();
    this.size = 0;
  }

  stats(): AnswerCacheStats {
    let oldest: number | null = null;
    for (const e of this.entries.values()) if (oldest === null || e.at < oldest) oldest = e.at;
    return { entries: this.entries.size, size: this.size, hits: this.hits, misses: this.misses, oldestAt: oldest };
  }

  private store(key: string, stamp: string, c: Computed<T>): Entry<T> {
    const entry = { stamp, instant: c.instants.size ? [...c.instants][0] : null, value: c.value, size: this.sizeOf(c.value), at: performance.now() };
    const old = this.entries.get(key);
    if (old) {
      this.entries.delete(key);
      this.size -= old.size;
    }
    if (entry.size * 4 > this.maxSize) return entry;
    this.entries.set(key, entry);
    this.size += entry.size;
    for (const [k, e] of this.entries) {
      if (this.size <= this.maxSize) break;
      this.entries.delete(k);
      this.size -= e.size;
    }
    return entry;
  }
}

function reusable<T>(e: Entry<T>, stamp: string, instantNow: () => number): boolean {
  return e.stamp === stamp && (e.instant === null || e.instant === instantNow());
}
