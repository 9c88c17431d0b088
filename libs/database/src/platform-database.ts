import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { PLATFORM_ROLE } from './database.constants.js';

/**
 * The one read that spans tenants: which tenants exist, for scheduled jobs that then fan out
 * into each tenant's own context. It runs as a role that can see tenant ids and nothing else.
 */
@Injectable()
export class PlatformDatabase {
  constructor(private readonly dataSource: DataSource) {}

  async listTenantIds(): Promise<string[]> {
    return this.dataSource.transaction(async (manager) => {
      await manager.query(`SELECT set_config('role', $1, true)`, [PLATFORM_ROLE]);
      const rows = await manager.query<{ id: string }[]>(`SELECT id FROM tenants ORDER BY id`);
      return rows.map((row) => row.id);
    });
  }
}
