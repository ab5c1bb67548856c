import { Controller, Get, UseInterceptors, Query } from '@nestjs/common';
import { ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
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
  @ApiQuery({ name: 'workspace', required: false }) @ApiQuery({ name: 'include_archived', required: false })
  async tree(@Query('workspace') workspace?: string, @Query('include_archived') archived?: string) {
    const ws = await this.hierarchy.workspaceId(workspace);
    return this.hierarchy.tree(ws, archived === 'true');
  }

  @Get('members')
  @ApiOperation({ summary: 'Workspace members: id, name, email, role.' })
  async members(@Query('workspace') workspace?: string) {
    const ws = await this.hierarchy.workspaceId(workspace);
    return { workspaceId: ws, members: await this.hierarchy.members(ws) };
  }
}
