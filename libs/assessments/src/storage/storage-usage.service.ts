import { RequestContext } from '@app/common';
import { APP_CONFIG, type AppConfig } from '@app/config';
import { TenantDatabase } from '@app/database';
import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';

export interface StorageUsage {
  /** Distinct files the organization uploaded, each counted once however often it is used. */
  readonly files: number;
  readonly usedBytes: number;
  readonly quotaBytes: number;
}

/** How much of the store the context's tenant uses: the sum of its ledger rows. */
@Injectable()
export class StorageUsageService {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly db: TenantDatabase,
    private readonly context: RequestContext,
  ) {}

  async usage(): Promise<StorageUsage> {
    const [row] = await this.db.transaction((manager) =>
      manager.query<{ files: string | number; used: string | number }[]>(
        `SELECT count(*) AS files, coalesce(sum(size_bytes), 0) AS used
           FROM stored_blobs WHERE tenant_id = $1`,
        [this.context.tenantId],
      ),
    );
    return {
      files: Number(row.files),
      usedBytes: Number(row.used),
      quotaBytes: this.config.evidence.tenantQuotaBytes,
    };
  }

  /** Bytes charged to the tenant; in `manager`'s transaction when given. */
  async usedBytes(manager?: EntityManager): Promise<number> {
    const read = (m: EntityManager) =>
      m.query<{ used: string | number }[]>(
        `SELECT coalesce(sum(size_bytes), 0) AS used FROM stored_blobs WHERE tenant_id = $1`,
        [this.context.tenantId],
      );
    const [row] = manager ? await read(manager) : await this.db.transaction(read);
    return Number(row.used);
  }
}
