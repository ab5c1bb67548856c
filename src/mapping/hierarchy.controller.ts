import { Controller, Get, Query, UseInterceptors } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { HierarchyQuery, WorkspaceQuery } from './dto/hierarchy-rest.dto';
import { HierarchyService } from './hierarchy.service';
import { DataReadinessInterceptor } from '../sync/data-readiness.interceptor';

/** REST mirrors of the workspace tools, for ops and scripts (same service, same data). */
@ApiTags('workspace')
@UseInterceptors(DataReadinessInterceptor)
@Controller('api')
export class HierarchyController {
  constructor(private readonly hierarchy: HierarchyService) {}

  @Get('hierarchy')
  @ApiOperation({ summary: 'The synced hierarchy: workspace → spaces → folders → lists, with ids and task counts.' })
  async tree(@Query() q: HierarchyQuery) {
    const ws = await this.hierarchy.workspaceId(q.workspace);
    return this.hierarchy.tree(ws, q.include_archived ?? false);
  }

  @Get('members')
  @ApiOperation({ summary: 'Workspace members: id, name, email, role.' })
  async members(@Query() q: WorkspaceQuery) {
    const ws = await this.hierarchy.workspaceId(q.workspace);
    return { workspaceId: ws, members: await this.hierarchy.members(ws) };
  }
}
