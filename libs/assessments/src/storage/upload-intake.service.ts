import { RequestContext } from '@app/common';
import { APP_CONFIG, type AppConfig } from '@app/config';
import {
  EvidenceStore,
  inspectEvidenceFile,
  type ReceivedUpload,
  receiveUpload,
  safeFileName,
  StorageQuotaExceededError,
  type UploadBody,
} from '@app/evidence';
import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { lockBlob, lockTenantStorage } from './storage-locks.js';
import { StorageUsageService } from './storage-usage.service.js';

/** An upload on disk, checked by its content, waiting for the transaction that records it. */
export interface CheckedUpload {
  readonly fileName: string;
  readonly mediaType: string;
  readonly sha256: string;
  readonly sizeBytes: number;
  readonly received: ReceivedUpload;
}

/**
 * The one way evidence bytes come in. Callers check the target first (so a refused upload reads
 * nothing), then `receive` streams the body to a temporary file and checks it, then the
 * transaction that records the file charges the tenant's quota (`charge`, before the row) and
 * moves the file into the store (`keep`, last). `discard` in a `finally` removes whatever was not kept.
 */
@Injectable()
export class UploadIntake {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly context: RequestContext,
    private readonly store: EvidenceStore,
    private readonly usage: StorageUsageService,
  ) {}

  /**
   * Refuses at once what cannot fit (a declared length over the cap, a full quota), then streams
   * and checks the body. Nothing reaches the store here.
   */
  async receive(fileName: string, body: UploadBody): Promise<CheckedUpload> {
    const name = safeFileName(fileName);
    const { maxBytes, incomingDir } = this.config.evidence;
    const used = await this.usage.usedBytes();
    if (used >= this.config.evidence.tenantQuotaBytes) {
      throw new StorageQuotaExceededError(this.config.evidence.tenantQuotaBytes, used);
    }
    const received = await receiveUpload(body, { dir: incomingDir, maxBytes });
    try {
      const type = await inspectEvidenceFile(received.path, received.sizeBytes, name, {
        maxBytes,
      });
      return {
        fileName: name,
        mediaType: type.mediaType,
        sha256: received.sha256,
        sizeBytes: received.sizeBytes,
        received,
      };
    } catch (error) {
      await received.discard();
      throw error;
    }
  }

  /**
   * Inside the recording transaction, before the row that names the file (the database refuses a
   * row naming bytes its organization has no proof of): charges the upload to the tenant unless
   * it already holds the same content, refusing it past the quota. The tenant lock makes
   * parallel uploads queue for the check, so none can overshoot.
   */
  async charge(manager: EntityManager, upload: CheckedUpload): Promise<void> {
    const tenantId = this.context.tenantId;
    const quota = this.config.evidence.tenantQuotaBytes;
    await lockTenantStorage(manager, tenantId);
    await lockBlob(manager, upload.sha256);
    const held = await manager.query<unknown[]>(
      `SELECT 1 FROM stored_blobs WHERE tenant_id = $1 AND sha256 = $2`,
      [tenantId, upload.sha256],
    );
    if (held.length === 0) {
      const used = await this.usage.usedBytes(manager);
      if (used + upload.sizeBytes > quota) throw new StorageQuotaExceededError(quota, used);
      await manager.query(
        `INSERT INTO stored_blobs (tenant_id, sha256, size_bytes) VALUES ($1, $2, $3)
           ON CONFLICT DO NOTHING`,
        [tenantId, upload.sha256, upload.sizeBytes],
      );
    }
  }

  /**
   * Last in the recording transaction: moves the bytes into the store. Should the commit still
   * fail, the stored copy is one that no row names, and the daily collection removes it.
   */
  async keep(upload: CheckedUpload): Promise<void> {
    await this.store.putFile(upload.received.path, upload);
  }
}
