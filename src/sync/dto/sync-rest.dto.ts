import { ApiPropertyOptional, ApiProperty } from '@nestjs/swagger';
import { IsOptional } from 'class-validator';
import { CalendarDate, Flag, IntRange, OneOf } from '../../common/validation/field-rules';

const RUN_KINDS = ['full', 'incremental', 'reconcile', 'members', 'hierarchy', 'snapshot', 'webhook'] as const;
const RUN_STATUSES = ['running', 'succeeded', 'partial', 'failed'] as const;

/** POST /sync/{kind}?wait= */
export class StartSyncQuery {
  @ApiPropertyOptional({ description: 'true: answer when the run ends, with its summary.', type: Boolean })
  @IsOptional()
  @Flag()
  wait?: boolean;
}

/** POST /sync/snapshot?date= */
export class SnapshotQuery {
  @ApiPropertyOptional({ description: 'YYYY-MM-DD; default today in SYNC_TIME_ZONE.', example: '2026-01-31' })
  @IsOptional()
  @CalendarDate()
  date?: string;
}

/** GET /sync/runs */
export class ListRunsQuery {
  @ApiPropertyOptional({ minimum: 1, maximum: 200, default: 20 })
  @IsOptional()
  @IntRange(1, 200)
  limit: number = 20;

  @ApiPropertyOptional({ minimum: 0, maximum: 1_000_000, default: 0 })
  @IsOptional()
  @IntRange(0, 1_000_000)
  offset: number = 0;

  @ApiPropertyOptional({ enum: RUN_KINDS })
  @IsOptional()
  @OneOf(RUN_KINDS)
  kind?: string;

  @ApiPropertyOptional({ enum: RUN_STATUSES })
  @IsOptional()
  @OneOf(RUN_STATUSES)
  status?: string;
}

/** GET /sync/runs/:id */
export class RunIdParams {
  @ApiProperty({ description: 'Run id.', minimum: 1 })
  @IntRange(1, 2_147_483_647)
  id!: number;
}
