import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional } from 'class-validator';
import { Flag, Text } from '../../common/validation/field-rules';

/** GET /api/members */
export class WorkspaceQuery {
  @ApiPropertyOptional({ description: 'Workspace id or name (default: the synced one).', maxLength: 200 })
  @IsOptional()
  @Text(200)
  workspace?: string;
}

/** GET /api/hierarchy */
export class HierarchyQuery extends WorkspaceQuery {
  @ApiPropertyOptional({ description: 'Include archived spaces, folders and lists.', type: Boolean, default: false })
  @IsOptional()
  @Flag()
  include_archived?: boolean;
}
