import { Module } from '@nestjs/common';
import { TerminusModule } from '@nestjs/terminus';
import { SyncRunRepository } from '../sync/sync-run.repository';
import { HealthController } from './health.controller';
import { SyncHealthIndicator } from './sync-health.indicator';

@Module({
  imports: [TerminusModule.forRoot({ logger: false })],
  controllers: [HealthController],
  providers: [SyncHealthIndicator, SyncRunRepository],
})
export class HealthModule {}
