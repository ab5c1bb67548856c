import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import * as os from 'node:os';
import { returnedRows } from './sql-result';
import { DataSource } from 'typeorm';

export interface LeaseHolder {
  owner: string;
  runId: number | null;
  kind: string;
  acquiredAt: Date;
  expiresAt: Date;
}

export type LeaseResult = { acquired: true; takenOverFrom: LeaseHolder | null } | { acquired: false; holder: LeaseHolder };

/** Is the owner a process on this host that no longer exists? Then its lease is stale now. */
export function ownerIsDeadHere(owner: string): boolean {
  const [host, pidText] = owner.split(':');
  const pid = Number(pidText);
  if (host !== os.hostname() || !Number.isInteger(pid) || pid <= 0) return false;
  if (pid === process.pid) return false;
  try {
    process.kill(pid, 0);
    return false;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'ESRCH';
  }
}

@Injectable()
export class SyncLeaseRepository {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  /**
   * Takes the workspace's lease when it is free, expired, or held by a dead process on this
   * host. Atomic: the conditional upsert either returns our row or nothing.
   */
  async tryAcquire(workspaceId: string, owner: string, kind: string, ttlMs: number): Promise<LeaseResult> {
    const current = await this.get(workspaceId);
    const deadOwner = current && ownerIsDeadHere(current.owner) ? current.owner : '';
    const rows = returnedRows(
      await this.ds.query(
        `INSERT INTO sync_leases (workspace_id, owner, run_id, kind, acquired_at, expires_at)
       VALUES ($1, $2, NULL, $3, now(), now() + ($4 || ' milliseconds')::interval)
       ON CONFLICT (workspace_id) DO UPDATE
         SET owner = EXCLUDED.owner, run_id = NULL, kind = EXCLUDED.kind, acquired_at = now(), expires_at = EXCLUDED.expires_at
       WHERE sync_leases.expires_at < now() OR sync_leases.owner = $5
       RETURNING workspace_id`,
        [workspaceId, owner, kind, String(ttlMs), deadOwner],
      ),
    );
    if (rows.length) return { acquired: true, takenOverFrom: current && current.owner !== owner ? current : null };
    const holder = await this.get(workspaceId);
    if (!holder) return this.tryAcquire(workspaceId, owner, kind, ttlMs);
    return { acquired: false, holder };
  }

  async attachRun(workspaceId: string, owner: string, runId: number): Promise<void> {
    await this.ds.query(`UPDATE sync_leases SET run_id = $3 WHERE workspace_id = $1 AND owner = $2`, [workspaceId, owner, runId]);
  }

  /** Extends the lease; false when it was lost (taken over after expiry). */
  async renew(workspaceId: string, owner: string, ttlMs: number): Promise<boolean> {
    const rows = returnedRows(
      await this.ds.query(
        `UPDATE sync_leases SET expires_at = now() + ($3 || ' milliseconds')::interval
       WHERE workspace_id = $1 AND owner = $2 RETURNING 1`,
        [workspaceId, owner, String(ttlMs)],
      ),
    );
    return rows.length > 0;
  }

  async release(workspaceId: string, owner: string): Promise<void> {
    await this.ds.query(`DELETE FROM sync_leases WHERE workspace_id = $1 AND owner = $2`, [workspaceId, owner]);
  }

  async get(workspaceId: string): Promise<LeaseHolder | null> {
    const [r] = await this.ds.query<LeaseRow[]>(`SELECT owner, run_id, kind, acquired_at, expires_at FROM sync_leases WHERE workspace_id = $1`, [
      workspaceId,
    ]);
    return r ? toHolder(r) : null;
  }

  /** The newest lease of any workspace: during the very first sync no workspace row exists yet. */
  async newest(): Promise<LeaseHolder | null> {
    const [r] = await this.ds.query<LeaseRow[]>(
      `SELECT owner, run_id, kind, acquired_at, expires_at FROM sync_leases ORDER BY acquired_at DESC LIMIT 1`,
    );
    return r ? toHolder(r) : null;
  }
}

interface LeaseRow {
  owner: string;
  run_id: number | null;
  kind: string;
  acquired_at: string | Date;
  expires_at: string | Date;
}

function toHolder(r: LeaseRow): LeaseHolder {
  return { owner: r.owner, runId: r.run_id, kind: r.kind, acquiredAt: new Date(r.acquired_at), expiresAt: new Date(r.expires_at) };
}
