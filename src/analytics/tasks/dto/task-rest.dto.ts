import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional } from 'class-validator';
import { IntRange, Text } from '../../../common/validation/field-rules';

/** GET /api/tasks/search */
export class SearchTasksQuery {
  @ApiProperty({ description: 'Words to find in task names and descriptions.', maxLength: 200 })
  @Text(200)
  q!: string;

  @ApiPropertyOptional({ minimum: 1, maximum: 200, default: 20 })
  @IsOptional()
  @IntRange(1, 200)
  limit: number = 20;
}

/** GET /api/tasks/:id */
export class TaskIdParams {
  @ApiProperty({ description: 'Task id or custom id (e.g. MOB-42).', maxLength: 200 })
  @Text(200)
  id!: string;
}
