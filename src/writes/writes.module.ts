import { Module } from '@nestjs/common';
import { AnalyticsModule } from '../analytics/analytics.module';
import { MappingModule } from '../mapping/mapping.module';
import { SyncModule } from '../sync/sync.module';
import { TaskLookupRepository } from './task-lookup.repository';
import { TaskWriteService } from './task-write.service';
import { TimeWritesService } from './time-writes.service';
import { WritesController } from './writes.controller';

/**
 * Every write to ClickUp in one place — tasks (create, update) and time tracking (log an entry,
 * start/stop the timer) — used by the MCP tools and the REST endpoints alike. It needs the sync
 * side (the write-through upserts), the mapping side (names → ids) and analytics (task look-up
 * and the stored task view), none of which depend on it.
 */
@Module({
  imports: [SyncModule, MappingModule, AnalyticsModule],
  controllers: [WritesController],
  providers: [TaskLookupRepository, TaskWriteService, TimeWritesService],
  exports: [TaskWriteService, TimeWritesService],
})
export class WritesModule {}
