import { Module } from '@nestjs/common';
import { SyncModule } from '../sync/sync.module';
import { HierarchyQueryRepository } from './hierarchy-query.repository';
import { HierarchyService } from './hierarchy.service';
import { HierarchyController } from './hierarchy.controller';
import { MemberResolverService } from './member-resolver.service';
import { PeopleRepository } from './people.repository';
import { ProjectRegistryRepository } from './project-registry.repository';
import { ScopeResolverService } from './scope-resolver.service';
import { CacheRegistry } from '../common/cache/cache-registry';
import { ProjectRegistryService } from './project-registry.service';
import { ProjectMappingService } from './project-mapping.service';

/** MappingModule: the project registry (alias → space/folder/list) and hierarchy discovery. */
@Module({
  imports: [SyncModule],
  controllers: [HierarchyController],
  providers: [
    HierarchyQueryRepository,
    HierarchyService,
    MemberResolverService,
    ProjectRegistryRepository,
    PeopleRepository,
    ScopeResolverService,
    CacheRegistry,
    ProjectRegistryService,
    ProjectMappingService,
  ],
  exports: [HierarchyService, MemberResolverService, ScopeResolverService, CacheRegistry, ProjectRegistryService, ProjectMappingService],
})
export class MappingModule {}
