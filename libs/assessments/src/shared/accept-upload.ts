import { type EvidenceStore, inspectEvidence, safeFileName } from '@app/evidence';
import type { EntityManager } from 'typeorm';
import { StoredBlobEntity } from '../entities/stored-blob.entity.js';

export interface AcceptedUpload {
  readonly fileName: string;
  readonly mediaType: string;
  readonly sha256: string;
  readonly sizeBytes: number;
}

/**
 * Checks an uploaded file by its content and stores it under its hash. Call it before the
 * transaction that records the file: a bad file costs nothing but the check, no transaction
 * waits on the disk, and a copy whose row never commits is one that nothing serves.
 */
export async function acceptUpload(
  store: EvidenceStore,
  maxBytes: number,
  fileName: string,
  content: Buffer,
): Promise<AcceptedUpload> {
  const name = safeFileName(fileName);
  const type = await inspectEvidence(content, name, { maxBytes });
  const stored = await store.put(content);
  return {
    fileName: name,
    mediaType: type.mediaType,
    sha256: stored.sha256,
    sizeBytes: stored.sizeBytes,
  };
}

/**
 * Records, in the transaction that keeps the file, that the uploading organization stored these
 * bytes: the database lets a row name stored bytes only with its writer's proof, since the
 * store is shared and a hash alone is known to anyone who has seen the file.
 */
export async function recordStoredBlob(
  manager: EntityManager,
  uploaderTenantId: string,
  upload: AcceptedUpload,
): Promise<void> {
  await manager
    .createQueryBuilder()
    .insert()
    .into(StoredBlobEntity)
    .values({ tenantId: uploaderTenantId, sha256: upload.sha256, sizeBytes: upload.sizeBytes })
    .orIgnore()
    .execute();
}
