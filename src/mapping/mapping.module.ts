import { Module } from '@nestjs/common';
import { SyncModule } from '../sync/sync.module';
import { HierarchyQueryRepository } from './hierarchy-query.repository';
import { HierarchyService } from './hierarchy.service';
import { HierarchyController } from './hierarchy.controller';
import { MemberResolverService } from './member-resolver.service';

/** MappingModule: the project registry (alias → space/folder/list) and hierarchy discovery. */
@Module({
  imports: [SyncModule],
  controllers: [HierarchyController],
  providers: [HierarchyQueryRepository, HierarchyService, MemberResolverService],
  exports: [HierarchyService, MemberResolverService],
})
export class MappingModule {}
