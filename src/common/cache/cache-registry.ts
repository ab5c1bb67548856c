import { Injectable } from '@nestjs/common';

/** What a cache says about itself. */
export interface CacheInfo {
  name: string;
  /** Items held now (0 when empty). */
  entries: number;
  /** How old the held data is (null when empty). */
  ageMs: number | null;
}

export interface RegisteredCache {
  name: string;
  info(): Omit<CacheInfo, 'name'>;
  clear(): void;
}

/**
 * The in-memory caches of this process, each registered by its owner, so cache_status can say
 * what is held and clear_cache can drop it all. Caches only speed up reads of synced data: clearing
 * one never loses anything (the next read goes to the database).
 */
@Injectable()
export class CacheRegistry {
  private readonly caches = new Map<string, RegisteredCache>();
  private gen = 0;

  /**
   * Moves whenever a cache's content changes (a reload that read something new, a clear): the
   * answer cache stamps every answer with it, so none outlives an in-memory copy it was computed from.
   */
  get generation(): number {
    return this.gen;
  }

  /** An owner's content changed: answers computed from the old content are not reused. */
  changed(): void {
    this.gen++;
  }

  register(cache: RegisteredCache): void {
    this.caches.set(cache.name, cache);
  }

  list(): CacheInfo[] {
    return [...this.caches.values()].map((c) => ({ name: c.name, ...c.info() }));
  }

  /** Drops every cache; returns what each held before. */
  clearAll(): CacheInfo[] {
    const before = this.list();
    for (const c of this.caches.values()) c.clear();
    this.changed();
    return before;
  }
}
