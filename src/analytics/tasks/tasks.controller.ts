import { Controller, Get, UseInterceptors, Param, Query } from '@nestjs/common';
import { ApiOperation, ApiParam, ApiQuery, ApiTags } from '@nestjs/swagger';
import { TaskQueryService } from './task-query.service';
import { DataReadinessInterceptor } from '../../sync/data-readiness.interceptor';

/** REST mirrors of the task read tools, for ops and scripts (same service, same answers). */
@ApiTags('tasks')
@UseInterceptors(DataReadinessInterceptor)
@Controller('api/tasks')
export class TasksController {
  constructor(private readonly tasks: TaskQueryService) {}

  @Get('search')
  @ApiOperation({ summary: 'Keyword search over task names and descriptions (the search_tasks tool).' })
  @ApiQuery({ name: 'q', required: true }) @ApiQuery({ name: 'limit', required: false })
  search(@Query('q') q = '', @Query('limit') limit = '20') {
    const n = Math.min(Math.max(Number.parseInt(limit, 10) || 20, 1), 200);
    return this.tasks.search({ query: q.slice(0, 200), limit: n, offset: 0, include_closed: true, include_archived: false });
  }

  @Get(':id')
  @ApiOperation({ summary: 'One task by id or custom id, with time (direct and rollup), subtasks and dependencies (the get_task tool).' })
  @ApiParam({ name: 'id', description: 'Task id or custom id (e.g. MOB-42).' })
  get(@Param('id') id: string) {
    return this.tasks.getTask(id.slice(0, 200));
  }
}
