import { Injectable } from '@nestjs/common';
import { AppConfig } from '../../config/app-config';
import { SyncRunRepository } from '../../sync/repositories/sync-run.repository';

/** `data_as_of` and `demo` for every read result; cached a second to keep tool calls cheap. */
@Injectable()
export class ToolMetaService {
  private cached: { at: number; value: string | null } | null = null;

  constructor(
    private readonly cfg: AppConfig,
    private readonly runs: SyncRunRepository,
  ) {}

  async meta(): Promise<{ data_as_of: string | null; demo: boolean }> {
    const now = Date.now();
    if (!this.cached || now - this.cached.at > 1000) {
      this.cached = { at: now, value: (await this.runs.lastSuccessEnd())?.toISOString() ?? null };
    }
    return { data_as_of: this.cached.value, demo: this.cfg.demo };
  }

  invalidate(): void {
    this.cached = null;
  }
}
