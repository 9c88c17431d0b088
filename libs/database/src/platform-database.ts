import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { PLATFORM_ROLE } from './database.constants.js';
import { PLATFORM_DATA_SOURCE } from './purpose-pools.js';
import { runScopedTransaction } from './scoped-transaction.js';

/**
 * The one read that spans tenants: which tenants exist, for scheduled jobs that then fan out
 * into each tenant's own context. It runs as a role that can see tenant ids and nothing else.
 */
@Injectable()
export class PlatformDatabase {
  // Its own pool on a server, logged in as the platform role (see DatabaseModule).
  constructor(@Inject(PLATFORM_DATA_SOURCE) private readonly dataSource: DataSource) {}

  async listTenantIds(): Promise<string[]> {
    const rows = await runScopedTransaction(this.dataSource, { role: PLATFORM_ROLE }, (manager) =>
      manager.query<{ id: string }[]>(`SELECT id FROM tenants ORDER BY id`),
    );
    return rows.map((row) => row.id);
  }
}
