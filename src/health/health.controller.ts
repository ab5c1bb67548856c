import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import { HealthCheck, HealthCheckService, TypeOrmHealthIndicator } from '@nestjs/terminus';
import { AppConfig } from '../config/app-config';
import { SyncHealthIndicator } from './sync-health.indicator';

@ApiTags('ops')
@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly db: TypeOrmHealthIndicator,
    private readonly sync: SyncHealthIndicator,
    private readonly cfg: AppConfig,
  ) {}

  @Get()
  @HealthCheck()
  @ApiOperation({ summary: 'Liveness and readiness: database reachable, last sync state, demo mode.' })
  @ApiOkResponse({
    description:
      'status "ok", or "degraded" with a `reason` when the latest sync attempt failed (e.g. ClickUp rejected the token); `demo: true` when the local sandbox plays ClickUp.',
  })
  @ApiServiceUnavailableResponse({ description: 'The database is unreachable.' })
  async check() {
    const result = await this.health.check([() => this.db.pingCheck('database', { timeout: 3000 }), () => this.sync.check('sync')]);
    // Still 200 (the data held is served), but a sync that keeps failing must not look "ok".
    const sync = result.info?.sync as { state?: string; reason?: string | null } | undefined;
    if (sync?.state === 'degraded') return { ...result, status: 'degraded', reason: sync.reason, demo: this.cfg.demo };
    return { ...result, demo: this.cfg.demo };
  }
}
