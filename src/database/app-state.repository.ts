import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';

/** Small persistent facts about the app itself (registered webhook, applied status overrides …). */
@Injectable()
export class AppStateRepository {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  async get<T>(key: string): Promise<T | null> {
    const [r] = await this.ds.query(`SELECT value FROM app_state WHERE key = $1`, [key]);
    return (r?.value as T) ?? null;
  }

  async set(key: string, value: unknown): Promise<void> {
    await this.ds.query(
      `INSERT INTO app_state (key, value, updated_at) VALUES ($1, $2::jsonb, now())
       ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value, updated_at = now()`,
      [key, JSON.stringify(value)],
    );
  }

  async delete(key: string): Promise<void> {
    await this.ds.query(`DELETE FROM app_state WHERE key = $1`, [key]);
  }
}
