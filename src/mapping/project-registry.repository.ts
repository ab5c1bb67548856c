import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { ProjectKind } from './project-target';

export interface ProjectAliasRow {
  alias: string;
  /** lower(trim(alias)): what uniqueness and lookups use. */
  aliasKey: string;
  targetType: ProjectKind;
  targetId: string;
}

/** Reads of the project registry (the `projects` table): alias → space, folder or list. */
@Injectable()
export class ProjectRegistryRepository {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  async aliases(workspaceId: string): Promise<ProjectAliasRow[]> {
    const rows: Record<string, string>[] = await this.ds.query(
      `SELECT alias, alias_key, target_type, target_id FROM projects WHERE workspace_id = $1 ORDER BY alias_key`,
      [workspaceId],
    );
    return rows.map((r) => ({ alias: r.alias, aliasKey: r.alias_key, targetType: r.target_type as ProjectKind, targetId: r.target_id }));
  }
}
