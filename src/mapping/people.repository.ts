import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';

export interface PersonRow {
  id: number;
  username: string | null;
  email: string | null;
  /** owner | admin | member | guest (null when unknown). */
  roleKey: string | null;
  status: string;
  /** Removed from the workspace: still the author of the time they logged (Reporting rule 2). */
  removed: boolean;
}

/** Everyone the workspace has known, removed people included: reports attribute time to them too. */
@Injectable()
export class PeopleRepository {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  async people(workspaceId: string): Promise<PersonRow[]> {
    const rows: Record<string, unknown>[] = await this.ds.query(
      `SELECT user_id, username, email, role_key, status, removed_at IS NOT NULL AS removed FROM members
       WHERE workspace_id = $1 ORDER BY coalesce(username, email), user_id`,
      [workspaceId],
    );
    return rows.map((r) => ({
      id: Number(r.user_id),
      username: r.username as string | null,
      email: r.email as string | null,
      roleKey: r.role_key as string | null,
      status: r.status as string,
      removed: Boolean(r.removed),
    }));
  }
}
