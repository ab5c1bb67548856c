import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { returnedRows } from './sql-result';

/** Re-derives tasks.status_category from status name/type with an override table (tools.md rule 5). */
@Injectable()
export class StatusCategoryRepository {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  async recompute(overrides: Record<string, string>): Promise<number> {
    const rows = returnedRows(
      await this.ds.query(
        `UPDATE tasks t SET status_category = x.category
         FROM (SELECT id, coalesce($1::jsonb ->> upper(btrim(status)),
                 CASE status_type WHEN 'open' THEN 'not_started' WHEN 'custom' THEN 'active'
                                  WHEN 'done' THEN 'done' WHEN 'closed' THEN 'closed' ELSE 'active' END) AS category
               FROM tasks) x
         WHERE x.id = t.id AND t.status_category IS DISTINCT FROM x.category
         RETURNING t.id`,
        [JSON.stringify(overrides)],
      ),
    );
    return rows.length;
  }
}
