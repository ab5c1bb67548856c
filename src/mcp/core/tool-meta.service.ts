import { Injectable, OnModuleInit } from '@nestjs/common';
import { AppConfig } from '../../config/app-config';
import { currentDataVersion } from '../../common/cache/answer-context';
import { DataReadinessService } from '../../sync/data-readiness.service';
import { SyncRunRepository } from '../../sync/repositories/sync-run.repository';
import { SyncRunnerService } from '../../sync/sync-runner.service';

export interface ResultMeta {
  data_as_of: string | null;
  data_complete: boolean;
  data_warning: string | null;
  demo: boolean;
}

/**
 * `data_as_of`, completeness and `demo` for every read result. data_as_of is kept a second to
 * keep tool calls cheap, or, inside an answer the answer cache may reuse, as long as the data
 * version it was read at.
 */
@Injectable()
export class ToolMetaService implements OnModuleInit {
  private cached: { at: number; version: string | null; value: string | null } | null = null;

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
    // Inside a reusable answer the copy must be as of the answer's data version, not up to a second older.
    const version = currentDataVersion();
    const fresh = this.cached && (version ? this.cached.version === version : now - this.cached.at <= 1000);
    if (!fresh) this.cached = { at: now, version, value: (await this.runs.lastSuccessEnd())?.toISOString() ?? null };
    const asOf = this.cached!.value;
    const ready = await this.readiness.state();
    return { data_as_of: asOf, data_complete: ready.complete, data_warning: ready.warning, demo: this.cfg.demo };
  }

  invalidate(): void {
    this.cached = null;
  }
}
