import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional } from 'class-validator';
import { PRIORITIES, PriorityName } from '../../analytics/tasks/task-inputs';
import { AnyText, CalendarDate, DurationInput, Flag, OneOf, Text, TextList, TimeOfDay } from '../../common/validation/field-rules';
import type { CreateTaskArgs, UpdateTaskArgs } from '../task-write.service';
import type { LogTimeInput, StartTimerInput } from '../time-writes.service';

/**
 * REST bodies of the writes: the same fields, limits and meanings as the MCP tools create_task,
 * update_task, log_time_entry and start_timer (docs/tools.md), validated by the global pipe.
 */

/** POST /api/tasks */
export class CreateTaskBody implements CreateTaskArgs {
  @ApiProperty({ description: 'List to create the task in: id or name.', maxLength: 200 })
  @Text(200)
  list!: string;

  @ApiPropertyOptional({ description: 'Space that narrows the list name: id or name.', maxLength: 200 })
  @IsOptional()
  @Text(200)
  space?: string;

  @ApiProperty({ description: 'Task name.', maxLength: 1000 })
  @Text(1000)
  name!: string;

  @ApiPropertyOptional({ description: 'Plain-text description.', maxLength: 20_000 })
  @IsOptional()
  @AnyText(20_000)
  description?: string;

  @ApiPropertyOptional({ description: 'Status name of the list (case-insensitive).', maxLength: 100 })
  @IsOptional()
  @Text(100)
  status?: string;

  @ApiPropertyOptional({ enum: PRIORITIES })
  @IsOptional()
  @OneOf(PRIORITIES)
  priority?: PriorityName;

  @ApiPropertyOptional({ description: 'Assignees: member names, emails or ids.', type: [String], maxItems: 20 })
  @IsOptional()
  @TextList(20, 200)
  assignees?: string[];

  @ApiPropertyOptional({ description: 'Due date YYYY-MM-DD (report time zone).', example: '2026-02-01' })
  @IsOptional()
  @CalendarDate()
  due_date?: string;

  @ApiPropertyOptional({ description: 'Due time HH:MM (report time zone); needs due_date.', example: '17:00' })
  @IsOptional()
  @TimeOfDay()
  due_time?: string;

  @ApiPropertyOptional({ description: 'Time estimate: minutes ("90") or "2h 30m", "1.5h".', maxLength: 40 })
  @IsOptional()
  @Text(40)
  estimate?: string;

  @ApiPropertyOptional({ description: 'Tag names.', type: [String], maxItems: 20 })
  @IsOptional()
  @TextList(20, 100)
  tags?: string[];

  @ApiPropertyOptional({ description: 'Parent task (id, custom id or exact name) in the same list: creates a subtask.', maxLength: 200 })
  @IsOptional()
  @Text(200)
  parent?: string;
}

/** PUT /api/tasks/:id (the task comes from the path). */
export class UpdateTaskBody implements Omit<UpdateTaskArgs, 'task'> {
  @ApiPropertyOptional({ description: 'New name.', maxLength: 1000 })
  @IsOptional()
  @Text(1000)
  name?: string;

  @ApiPropertyOptional({ description: 'New plain-text description ("" clears it).', maxLength: 20_000 })
  @IsOptional()
  @AnyText(20_000)
  description?: string;

  @ApiPropertyOptional({ description: "Status name of the task's list (case-insensitive).", maxLength: 100 })
  @IsOptional()
  @Text(100)
  status?: string;

  @ApiPropertyOptional({ enum: [...PRIORITIES, 'none'] })
  @IsOptional()
  @OneOf([...PRIORITIES, 'none'])
  priority?: PriorityName | 'none';

  @ApiPropertyOptional({ description: 'New due date YYYY-MM-DD, or none to clear.' })
  @IsOptional()
  @CalendarDate(true)
  due_date?: string;

  @ApiPropertyOptional({ description: 'Due time HH:MM; needs due_date.' })
  @IsOptional()
  @TimeOfDay()
  due_time?: string;

  @ApiPropertyOptional({ description: 'New estimate: minutes ("90"), "2h 30m" or "1.5h"; none clears it.', maxLength: 40 })
  @IsOptional()
  @Text(40)
  estimate?: string;

  @ApiPropertyOptional({ description: 'People to add as assignees.', type: [String], maxItems: 20 })
  @IsOptional()
  @TextList(20, 200)
  add_assignees?: string[];

  @ApiPropertyOptional({ description: 'People to remove from the assignees.', type: [String], maxItems: 20 })
  @IsOptional()
  @TextList(20, 200)
  remove_assignees?: string[];
}

/** PUT /api/tasks/:id path. */
export class TaskRefParams {
  @ApiProperty({ description: 'Task id, custom id (e.g. MOB-42) or exact task name.', maxLength: 200 })
  @Text(200)
  id!: string;
}

/** POST /api/time-entries */
export class LogTimeBody implements LogTimeInput {
  @ApiProperty({ description: 'Task id or custom id (e.g. 86abc123 or PROJ-42).', maxLength: 100 })
  @Text(100)
  task!: string;

  @ApiProperty({ description: 'Minutes (90) or text: "1h 30m", "90m", "1.5h", "1:30".', oneOf: [{ type: 'number' }, { type: 'string' }] })
  @DurationInput(1440)
  duration!: number | string;

  @ApiPropertyOptional({
    description: 'When the work started: "YYYY-MM-DD HH:mm" in the report time zone, or ISO 8601 with an offset. Default: now minus the duration.',
    maxLength: 40,
  })
  @IsOptional()
  @Text(40)
  start?: string;

  @ApiPropertyOptional({ description: 'What was done.', maxLength: 2000 })
  @IsOptional()
  @AnyText(2000)
  description?: string;

  @ApiPropertyOptional({ description: 'Mark the time billable.', type: Boolean })
  @IsOptional()
  @Flag()
  billable?: boolean;

  @ApiPropertyOptional({ description: "Who did the work (default: the ClickUp token's user).", maxLength: 200 })
  @IsOptional()
  @Text(200)
  person?: string;
}

/** POST /api/timer/start */
export class StartTimerBody implements StartTimerInput {
  @ApiPropertyOptional({ description: 'Task id or custom id to track time on.', maxLength: 100 })
  @IsOptional()
  @Text(100)
  task?: string;

  @ApiPropertyOptional({ description: 'What the timer is for.', maxLength: 2000 })
  @IsOptional()
  @AnyText(2000)
  description?: string;

  @ApiPropertyOptional({ description: 'Mark the time billable.', type: Boolean })
  @IsOptional()
  @Flag()
  billable?: boolean;
}
