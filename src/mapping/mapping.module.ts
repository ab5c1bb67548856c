import { Module } from '@nestjs/common';
import { HierarchyQueryRepository } from './hierarchy-query.repository';
import { HierarchyService } from './hierarchy.service';

/** MappingModule: the project registry (alias → space/folder/list) and hierarchy discovery. */
@Module({
  providers: [HierarchyQueryRepository, HierarchyService],
  exports: [HierarchyService],
})
export class MappingModule {}
