import { Clock, RequestContext } from '@app/common';
import { APP_CONFIG, type AppConfig } from '@app/config';
import { PlatformDatabase, TenantDatabase } from '@app/database';
import { EvidenceStore, removeStaleUploads } from '@app/evidence';
import { Inject, Injectable } from '@nestjs/common';

import { lockBlob } from './storage-locks.js';

/**
 * Nothing younger than this is collected: an upload in progress, or recorded by code that
 * writes its ledger row apart from the row that names the file, has that long to finish.
 */
export const COLLECTION_GRACE_MS = 60 * 60 * 1000;

/** Files whose presence in the store is checked against the ledger per query. */
const LISTING_BATCH = 500;

export interface TenantCollection {
  /** Ledger rows dropped: uploads nothing of the tenant names any more. */
  readonly rowsRemoved: number;
  /** Files deleted from the store because no tenant claimed them any more. */
  readonly filesRemoved: number;
}

export interface StoreCollection {
  /** Temporary files a crash or a killed request left behind. */
  readonly temporaryFiles: number;
  /** Stored files no tenant claims (a recording transaction that failed after the move). */
  readonly orphanFiles: number;
}

// $1 tenant, $2 cutoff: the tenant's ledger rows that none of its answers, remediation files,
// library entries or finding updates name. Rows the MSP can see through the respondent policy
// count: its evidence lives in its customers' tenants.
const UNREFERENCED = `b.tenant_id = $1 AND b.created_at < $2
  AND NOT EXISTS (SELECT 1 FROM evidence_files e
                   WHERE e.sha256 = b.sha256 AND (e.tenant_id = $1 OR e.respondent_tenant_id = $1))
  AND NOT EXISTS (SELECT 1 FROM remediation_evidence r
                   WHERE r.tenant_id = $1 AND r.sha256 = b.sha256)
  AND NOT EXISTS (SELECT 1 FROM library_answers l
                   WHERE l.tenant_id = $1
                     AND l.evidence @> jsonb_build_array(jsonb_build_object('sha256', b.sha256::text)))
  AND NOT EXISTS (SELECT 1 FROM finding_updates u
                   WHERE u.tenant_id = $1
                     AND u.evidence @> jsonb_build_array(jsonb_build_object('sha256', b.sha256::text)))`;

/**
 * Garbage collection of the evidence store. Per tenant, under row-level security: ledger rows
 * nothing names are dropped. Across tenants, as the platform role that may read hashes only: a
 * file is deleted when no tenant's ledger or upload row names it. Both decisions take the
 * file's lock, which an upload holds from charging the ledger until it commits.
 */
@Injectable()
export class BlobCollector {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly db: TenantDatabase,
    private readonly context: RequestContext,
    private readonly platform: PlatformDatabase,
    private readonly store: EvidenceStore,
    private readonly clock: Clock,
  ) {}

  /** For the tenant in the context. Safe to repeat and to run beside uploads. */
  async collectTenant(): Promise<TenantCollection> {
    const tenantId = this.context.tenantId;
    const cutoff = this.cutoff();
    const candidates = await this.db.transaction((manager) =>
      manager.query<{ sha256: string }[]>(
        `SELECT b.sha256 FROM stored_blobs b WHERE ${UNREFERENCED} ORDER BY b.sha256`,
        [tenantId, cutoff],
      ),
    );
    let rowsRemoved = 0;
    let filesRemoved = 0;
    for (const { sha256 } of candidates) {
      const removed = await this.db.transaction(async (manager) => {
        await lockBlob(manager, sha256);
        // Checked again under the lock: an upload may have named it since.
        const [rows] = await manager.query<[unknown[], number]>(
          `DELETE FROM stored_blobs b WHERE ${UNREFERENCED} AND b.sha256 = $3 RETURNING b.sha256`,
          [tenantId, cutoff, sha256],
        );
        return rows.length;
      });
      rowsRemoved += removed;
      if (removed > 0 && (await this.removeIfUnclaimed(sha256))) filesRemoved++;
    }
    return { rowsRemoved, filesRemoved };
  }

  /** Across tenants: stale temporary files, and stored files that no tenant claims. */
  async collectStore(): Promise<StoreCollection> {
    const cutoff = this.cutoff();
    const temporaryFiles =
      (await removeStaleUploads(this.config.evidence.incomingDir, cutoff)) +
      (await this.store.removeTemporaryFiles(cutoff));
    let orphanFiles = 0;
    let batch: string[] = [];
    const sweep = async () => {
      for (const sha256 of await this.unclaimed(batch)) {
        if (await this.removeIfUnclaimed(sha256)) orphanFiles++;
      }
      batch = [];
    };
    for await (const entry of this.store.list()) {
      if (entry.modifiedAt >= cutoff) continue;
      batch.push(entry.sha256);
      if (batch.length >= LISTING_BATCH) await sweep();
    }
    await sweep();
    return { temporaryFiles, orphanFiles };
  }

  private cutoff(): Date {
    return new Date(this.clock.now().getTime() - COLLECTION_GRACE_MS);
  }

  /** Which of these hashes no ledger or upload row names, in one read. */
  private async unclaimed(hashes: readonly string[]): Promise<string[]> {
    if (hashes.length === 0) return [];
    const claimed = await this.platform.transaction((manager) =>
      manager.query<{ sha256: string }[]>(
        `SELECT sha256 FROM stored_blobs WHERE sha256 = ANY($1)
         UNION SELECT sha256 FROM evidence_files WHERE sha256 = ANY($1)
         UNION SELECT sha256 FROM remediation_evidence WHERE sha256 = ANY($1)`,
        [hashes],
      ),
    );
    const names = new Set(claimed.map((row) => row.sha256));
    return hashes.filter((sha256) => !names.has(sha256));
  }

  /** Deletes the file when, under its lock, no tenant's row names it; true when deleted. */
  private removeIfUnclaimed(sha256: string): Promise<boolean> {
    return this.platform.transaction(async (manager) => {
      await lockBlob(manager, sha256);
      const claims = await manager.query<unknown[]>(
        `SELECT 1 FROM stored_blobs WHERE sha256 = $1
         UNION ALL SELECT 1 FROM evidence_files WHERE sha256 = $1
         UNION ALL SELECT 1 FROM remediation_evidence WHERE sha256 = $1
         LIMIT 1`,
        [sha256],
      );
      if (claims.length > 0) return false;
      await this.store.remove(sha256);
      return true;
    });
  }
}
