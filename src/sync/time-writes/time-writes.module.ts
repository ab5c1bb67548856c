import { Module } from '@nestjs/common';
import { MappingModule } from '../../mapping/mapping.module';
import { SyncModule } from '../sync.module';
import { TaskLookupRepository } from './task-lookup.repository';
import { TimeWritesService } from './time-writes.service';

/**
 * Time tracking writes (log an entry, start/stop the timer). A module of its own because it
 * needs both the sync side (the time-entry upsert) and the mapping side (person names), which
 * SyncModule itself does not depend on.
 */
@Module({
  imports: [SyncModule, MappingModule],
  providers: [TaskLookupRepository, TimeWritesService],
  exports: [TimeWritesService],
})
export class TimeWritesModule {}
