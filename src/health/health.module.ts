import { Module } from '@nestjs/common';
import { TerminusModule } from '@nestjs/terminus';
import { SyncModule } from '../sync/sync.module';
import { HealthController } from './health.controller';
import { SyncHealthIndicator } from './sync-health.indicator';

@Module({
  imports: [TerminusModule.forRoot({ logger: false }), SyncModule],
  controllers: [HealthController],
  providers: [SyncHealthIndicator],
})
export class HealthModule {}
