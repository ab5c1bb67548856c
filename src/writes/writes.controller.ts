import { Body, Controller, HttpCode, HttpStatus, Param, Post, Put } from '@nestjs/common';
import { ApiBadGatewayResponse, ApiOperation, ApiTags, ApiUnprocessableEntityResponse } from '@nestjs/swagger';
import { CreateTaskBody, LogTimeBody, StartTimerBody, TaskRefParams, UpdateTaskBody } from './dto/write-rest.dto';
import { TaskWriteService } from './task-write.service';
import { TimeWritesService } from './time-writes.service';

const REFUSED = 'ClickUp refused the write (its message says why); nothing changed. `{ outcome: "refused", applied: "no" }`.';
const FAILED =
  'The write failed (`outcome: "failed"`, `applied` "no" or "maybe": check before retrying) or ClickUp accepted it but its answer ' +
  'could not be read (`outcome: "accepted_unreadable"`, `applied: "yes"`, `id` when known: do not repeat it).';

/**
 * REST for the writes: the same services, checks and answers as the MCP write tools. A write
 * that does not simply succeed answers 422 (refused) or 502 (failed / accepted but unreadable).
 */
@ApiTags('writes')
@Controller('api')
export class WritesController {
  constructor(
    private readonly tasks: TaskWriteService,
    private readonly time: TimeWritesService,
  ) {}

  @Post('tasks')
  @ApiOperation({ summary: 'Create a task in ClickUp (the create_task tool); returns the stored task.' })
  @ApiUnprocessableEntityResponse({ description: REFUSED })
  @ApiBadGatewayResponse({ description: FAILED })
  createTask(@Body() body: CreateTaskBody) {
    return this.tasks.create(body);
  }

  @Put('tasks/:id')
  @ApiOperation({ summary: 'Change a task in ClickUp (the update_task tool): only the given fields change; returns the stored task.' })
  @ApiUnprocessableEntityResponse({ description: REFUSED })
  @ApiBadGatewayResponse({ description: FAILED })
  updateTask(@Param() p: TaskRefParams, @Body() body: UpdateTaskBody) {
    return this.tasks.update({ ...body, task: p.id });
  }

  @Post('time-entries')
  @ApiOperation({ summary: 'Log a finished time entry on a task (the log_time_entry tool); returns the stored entry.' })
  @ApiUnprocessableEntityResponse({ description: REFUSED })
  @ApiBadGatewayResponse({ description: FAILED })
  logTime(@Body() body: LogTimeBody) {
    return this.time.logTime(body);
  }

  @Post('timer/start')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({ summary: "Start the token user's timer (the start_timer tool); a running timer is stopped first." })
  @ApiUnprocessableEntityResponse({ description: REFUSED })
  @ApiBadGatewayResponse({ description: FAILED })
  startTimer(@Body() body: StartTimerBody) {
    return this.time.startTimer(body);
  }

  @Post('timer/stop')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({ summary: "Stop the token user's running timer (the stop_timer tool); returns the finished entry." })
  @ApiUnprocessableEntityResponse({ description: REFUSED })
  @ApiBadGatewayResponse({ description: FAILED })
  stopTimer() {
    return this.time.stopTimer();
  }
}
