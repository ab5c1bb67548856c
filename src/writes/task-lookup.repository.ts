import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';

export interface TaskRef {
  id: string;
  customId: string | null;
  name: string;
  listId: string;
  listName: string | null;
}

/** Finds the synced task a time write refers to. One query per method. */
@Injectable()
export class TaskLookupRepository {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  /** By ClickUp id or custom id (custom ids case-insensitively); live tasks only. */
  async byIdOrCustomId(workspaceId: string, given: string): Promise<TaskRef | null> {
    const rows: Record<string, unknown>[] = await this.ds.query(
      `SELECT t.id, t.custom_id, t.name, t.list_id, l.name AS list_name
       FROM tasks t LEFT JOIN lists l ON l.id = t.list_id
       WHERE t.workspace_id = $1 AND t.deleted_at IS NULL AND (t.id = $2 OR upper(t.custom_id) = upper($2))
       ORDER BY (t.id = $2) DESC
       LIMIT 1`,
      [workspaceId, given],
    );
    const r = rows[0];
    return r
      ? {
          id: r.id as string,
          customId: r.custom_id as string | null,
          name: r.name as string,
          listId: r.list_id as string,
          listName: r.list_name as string | null,
        }
      : null;
  }
}
