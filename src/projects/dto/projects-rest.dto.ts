import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsArray, IsNumber, IsObject, IsOptional, IsString } from 'class-validator';
import { AnyText, OneOf, Text } from '../../common/validation/field-rules';
import { MAX_ALIAS_LENGTH } from '../../mapping/project-alias';
import type { AddProjectInput } from '../../mapping/project-registry.service';
import type { ProjectKind } from '../../mapping/project-target';

const KINDS: readonly ProjectKind[] = ['space', 'folder', 'list'];

/**
 * REST bodies and parameters of the project registry: the same fields and meanings as the MCP
 * tools add_project, remove_project, get_project_status and import_mappings.
 */

/** POST /api/projects */
export class AddProjectBody implements AddProjectInput {
  @ApiProperty({ description: 'The alias (unique, case-insensitive, trimmed).', maxLength: MAX_ALIAS_LENGTH, example: 'Mobile App' })
  @Text(MAX_ALIAS_LENGTH)
  alias!: string;

  @ApiProperty({ description: 'The space, folder or list to track: id or name.', maxLength: 200, example: 'iOS App' })
  @Text(200)
  target!: string;

  @ApiPropertyOptional({ enum: KINDS, description: 'What the target is, when its name is ambiguous.' })
  @IsOptional()
  @OneOf(KINDS)
  type?: ProjectKind;

  @ApiPropertyOptional({ description: 'Free-text notes kept with the entry.', maxLength: 2000 })
  @IsOptional()
  @AnyText(2000)
  notes?: string;
}

/** DELETE /api/projects/:alias, GET /api/projects/:alias/status */
export class ProjectParams {
  @ApiProperty({ description: 'A project alias (for status also any space, folder or list id or name).', maxLength: 200 })
  @Text(200)
  alias!: string;
}

/**
 * POST /api/projects/import: what GET /api/projects/export returned, or the original system's
 * project_map.json. The entries are read (and reported one by one) by the import itself.
 */
export class ImportProjectsBody {
  @ApiPropertyOptional({ description: 'Export format marker (clickup-analytics-mcp/projects).' })
  @IsOptional()
  @IsString()
  format?: string;

  @ApiPropertyOptional({ description: 'Export format version.' })
  @IsOptional()
  @IsNumber()
  version?: number;

  @ApiPropertyOptional({ description: 'Workspace the export came from (informational).' })
  @IsOptional()
  @IsString()
  workspace_id?: string;

  @ApiPropertyOptional({ description: 'When it was exported (informational).' })
  @IsOptional()
  @IsString()
  exported_at?: string;

  @ApiPropertyOptional({ description: 'Entries of an export: {alias, type, id, name, path, notes}.', type: 'array', items: { type: 'object' } })
  @IsOptional()
  @IsArray()
  projects?: unknown[];

  @ApiPropertyOptional({
    description: 'Entries of an original project_map.json: alias key → {alias, clickup_id, clickup_type, structure}.',
    type: 'object',
    additionalProperties: true,
  })
  @IsOptional()
  @IsObject()
  mapped_projects?: Record<string, unknown>;

  @ApiPropertyOptional({ description: "The original file's discovery cache: accepted and ignored.", type: 'object', additionalProperties: true })
  @IsOptional()
  @IsObject()
  discovery_cache?: Record<string, unknown>;
}
