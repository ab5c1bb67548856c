import { Controller, Get, Param, Query, UseInterceptors } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { SearchTasksQuery, TaskIdParams } from './dto/task-rest.dto';
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
  search(@Query() q: SearchTasksQuery) {
    return this.tasks.search({ query: q.q, limit: q.limit, offset: 0, include_closed: true, include_archived: false });
  }

  @Get(':id')
  @ApiOperation({ summary: 'One task by id or custom id, with time (direct and rollup), subtasks and dependencies (the get_task tool).' })
  get(@Param() p: TaskIdParams) {
    return this.tasks.getTask(p.id);
  }
}
