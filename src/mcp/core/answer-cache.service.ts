import { Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { AnswerCache, AnswerCacheStats } from '../../common/cache/answer-cache';
import { CacheRegistry } from '../../common/cache/cache-registry';
import { computeAnswer } from '../../common/cache/answer-context';
import { Clock } from '../../common/time/clock';
import { AppConfig } from '../../config/app-config';
import { DataVersionRepository } from '../../database/data-version.repository';

/** A tool result as the MCP server sends it. */
export interface ToolAnswer {
  content: { type: 'text'; text: string }[];
  structuredContent?: Record<string, unknown>;
  isError?: boolean;
}

/**
 * Read tools' answers, reused while nothing they were computed from has changed: the database
 * (its data version, read once per call: any committed or started write anywhere moves it), the
 * in-memory copies of it (CacheRegistry.generation: the hierarchy snapshot moves it when a
 * reload read something new) and, for answers that read the clock, the clock's value (the
 * running clock moves by whole seconds: such answers are reused within the second they were
 * computed in; a pinned clock's as long as it stays). An answer is therefore byte-for-byte what the
 * tool would compute again. Errors and answers over incomplete data are never reused. Fifty
 * sessions asking the same questions cost one computation per question and data version.
 */
@Injectable()
export class AnswerCacheService implements OnModuleInit {
  private readonly logger = new Logger('AnswerCache');
  private readonly cache: AnswerCache<ToolAnswer> | null;

  constructor(
    cfg: AppConfig,
    private readonly versions: DataVersionRepository,
    private readonly caches: CacheRegistry,
    private readonly clock: Clock,
  ) {
    const bytes = cfg.mcp.answerCacheBytes;
    this.cache = bytes > 0 ? new AnswerCache<ToolAnswer>(bytes, approxBytes) : null;
  }

  onModuleInit(): void {
    const cache = this.cache;
    if (!cache) return;
    this.caches.register({
      name: 'tool answers',
      info: () => {
        const s = cache.stats();
        return { entries: s.entries, ageMs: s.oldestAt === null ? null : Math.round(performance.now() - s.oldestAt) };
      },
      clear: () => cache.clear(),
    });
  }

  /** Entries, hits and misses so far (null when the cache is off). */
  stats(): AnswerCacheStats | null {
    return this.cache?.stats() ?? null;
  }

  /** The answer for `key` (tool and arguments), reused when still exact, else computed by `compute`. */
  async answer(key: string, compute: () => Promise<ToolAnswer>): Promise<ToolAnswer> {
    if (!this.cache) return compute();
    let version: string;
    try {
      version = await this.versions.current();
    } catch (e) {
      // The computation will meet the same trouble and say it in its own words.
      this.logger.debug(`No data version (${(e as Error).message}); answering without the cache.`);
      return compute();
    }
    // The generation is read after the version: a reload that finishes in between moves it, so
    // an answer never carries a stamp newer than the copies it was computed from.
    const stamp = `${version}|${this.caches.generation}`;
    const { value } = await this.cache.answer(
      key,
      stamp,
      () => this.clock.now(),
      async () => {
        const { value, instants } = await computeAnswer(version, compute);
        return { value, cacheable: !value.isError && value.structuredContent?.data_complete !== false, instants };
      },
    );
    return value;
  }
}

/** What an answer holds in memory, roughly: its text plus its structured copy (about as long again), UTF-16. */
function approxBytes(a: ToolAnswer): number {
  let chars = 0;
  for (const c of a.content) chars += c.text.length;
  return chars * 2 * 3 + 256;
}
