import { Injectable, OnModuleInit } from '@nestjs/common';
import { AppConfig } from '../../config/app-config';
import { DataReadinessService } from '../../sync/data-readiness.service';
import { SyncRunRepository } from '../../sync/repositories/sync-run.repository';
import { SyncRunnerService } from '../../sync/sync-runner.service';

export interface ResultMeta {
  data_as_of: string | null;
  data_complete: boolean;
  data_warning: string | null;
  demo: boolean;
}

/** `data_as_of`, completeness and `demo` for every read result; freshness cached a second to keep tool calls cheap. */
@Injectable()
export class ToolMetaService implements OnModuleInit {
  private cached: { at: number; value: string | null } | null = null;

  constructor(
    private readonly cfg: AppConfig,
    private readonly runs: SyncRunRepository,
    private readonly readiness: DataReadinessService,
    private readonly runner: SyncRunnerService,
  ) {}

  onModuleInit(): void {
    // A run of this process just moved data_as_of: the next result must not carry the cached value.
    this.runner.onFinished(() => this.invalidate());
  }

  async meta(): Promise<ResultMeta> {
    const now = Date.now();
    if (!this.cached || now - this.cached.at > 1000) {
      this.cached = { at: now, value: (await this.runs.lastSuccessEnd())?.toISOString() ?? null };
    }
    const ready = await this.readiness.state();
    return { data_as_of: this.cached.value, data_complete: ready.complete, data_warning: ready.warning, demo: this.cfg.demo };
  }

  invalidate(): void {
    this.cached = null;
  }
}
