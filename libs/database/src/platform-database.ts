import { Inject, Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { PLATFORM_ROLE } from './database.constants.js';
import { PLATFORM_DATA_SOURCE } from './purpose-pools.js';
import { runScopedTransaction } from './scoped-transaction.js';

/**
 * Reads that span tenants: which tenants exist, for scheduled jobs that then fan out into each
 * tenant's own context, and which stored hashes any tenant still names. It runs as a role that
 * can see tenant ids and those hashes, nothing else.
 */
@Injectable()
export class PlatformDatabase {
  // Its own pool on a server, logged in as the platform role (see DatabaseModule).
  constructor(@Inject(PLATFORM_DATA_SOURCE) private readonly dataSource: DataSource) {}

  async listTenantIds(): Promise<string[]> {
    const rows = await this.transaction((manager) =>
      manager.query<{ id: string }[]>(`SELECT id FROM tenants ORDER BY id`),
    );
    return rows.map((row) => row.id);
  }

  /**
   * One transaction as the platform role, for the few cross-tenant reads its grants allow
   * (tenant ids; the hashes the evidence collector checks before deleting a shared file).
   */
  transaction<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    return runScopedTransaction(this.dataSource, { role: PLATFORM_ROLE }, work);
  }
}
