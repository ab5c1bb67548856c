import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';

/** `full`: when a complete read of everything last succeeded (data readiness). */
export type CursorName = 'tasks' | 'time_entries' | 'hierarchy' | 'members' | 'reconcile' | 'full';

/** High-water marks (ms) per workspace and entity. Set only after the data they cover is committed. */
@Injectable()
export class SyncCursorRepository {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  async get(workspaceId: string, entity: CursorName): Promise<number | null> {
    const [r] = await this.ds.query(`SELECT value FROM sync_cursors WHERE workspace_id = $1 AND entity = $2`, [workspaceId, entity]);
    return r?.value == null ? null : Number(r.value);
  }

  async set(workspaceId: string, entity: CursorName, value: number): Promise<void> {
    await this.ds.query(
      `INSERT INTO sync_cursors (workspace_id, entity, value, updated_at) VALUES ($1, $2, $3, now())
       ON CONFLICT (workspace_id, entity) DO UPDATE SET value = EXCLUDED.value, updated_at = now()`,
      [workspaceId, entity, value],
    );
  }

  async all(workspaceId: string): Promise<{ entity: string; value: number | null; updatedAt: Date }[]> {
    const rows: { entity: string; value: string | null; updated_at: Date }[] = await this.ds.query(
      `SELECT entity, value, updated_at FROM sync_cursors WHERE workspace_id = $1 ORDER BY entity`,
      [workspaceId],
    );
    return rows.map((r) => ({ entity: r.entity, value: r.value == null ? null : Number(r.value), updatedAt: new Date(r.updated_at) }));
  }
}
