import { randomUUID } from 'node:crypto';
import { AuditTrailService } from '@app/audit';
import { NotFoundError, RequestContext } from '@app/common';
import { TenantDatabase } from '@app/database';
import { EvidenceStore, type UploadBody } from '@app/evidence';
import { Injectable } from '@nestjs/common';
import { type EntityManager, In } from 'typeorm';
import type { UpdateEvidence } from '../entities/finding-update.entity.js';
import type { LibraryEvidence } from '../entities/library-answer.entity.js';
import { RemediationEvidenceEntity } from '../entities/remediation-evidence.entity.js';
import { RemediationItemEntity } from '../entities/remediation-item.entity.js';
import { type CheckedUpload, UploadIntake } from '../storage/upload-intake.service.js';
import { RemediationItemClosedError, RemediationItemNotFoundError } from './remediation.errors.js';

export class RemediationEvidenceNotFoundError extends NotFoundError {
  constructor() {
    super('EVIDENCE_NOT_FOUND', 'No such file.');
  }
}

export interface RemediationFile {
  readonly fileName: string;
  readonly mediaType: string;
  readonly content: Buffer;
}

/**
 * Files that show a fix: the MSP uploads each once to its remediation item and posts it with an
 * update; every linked customer then downloads it from its own finding's history.
 */
@Injectable()
export class RemediationEvidenceService {
  constructor(
    private readonly db: TenantDatabase,
    private readonly context: RequestContext,
    private readonly audit: AuditTrailService,
    private readonly store: EvidenceStore,
    private readonly intake: UploadIntake,
  ) {}

  /**
   * The item is checked before a byte of the body is read, and again when the file is
   * recorded; a refused or failed upload leaves nothing on disk.
   */
  async upload(
    itemId: string,
    fileName: string,
    body: UploadBody,
  ): Promise<RemediationEvidenceEntity> {
    await this.db.transaction((manager) => this.openItem(manager, itemId));
    const upload = await this.intake.receive(fileName, body);
    try {
      return await this.record(itemId, upload);
    } finally {
      await upload.received.discard();
    }
  }

  private record(itemId: string, upload: CheckedUpload): Promise<RemediationEvidenceEntity> {
    return this.db.transaction(async (manager) => {
      const item = await this.openItem(manager, itemId);
      await this.intake.charge(manager, upload);
      const file = manager.create(RemediationEvidenceEntity, {
        tenantId: item.tenantId,
        id: randomUUID(),
        itemId: item.id,
        fileName: upload.fileName,
        mediaType: upload.mediaType,
        sha256: upload.sha256,
        sizeBytes: upload.sizeBytes,
        uploadedBy: this.context.userId,
        uploadedAt: new Date(),
      });
      await manager.insert(RemediationEvidenceEntity, file);
      await this.audit.record({
        action: 'remediation.evidence_uploaded',
        objectType: 'remediation_item',
        objectId: item.id,
        summary: { evidenceId: file.id, sha256: upload.sha256, size: upload.sizeBytes },
      });
      await this.intake.keep(upload);
      return file;
    });
  }

  /** The MSP's own item, still open for files; else not found (or closed). */
  private async openItem(manager: EntityManager, id: string): Promise<RemediationItemEntity> {
    const item = await this.item(manager, id);
    if (item.state === 'resolved') throw new RemediationItemClosedError();
    return item;
  }

  /** The files of many of this MSP's items, in one query: for lists. */
  listOf(itemIds: readonly string[]): Promise<RemediationEvidenceEntity[][]> {
    return this.db.transaction(async (manager) => {
      const files = await manager.find(RemediationEvidenceEntity, {
        where: { tenantId: this.context.tenantId, itemId: In([...itemIds]) },
        order: { uploadedAt: 'ASC', id: 'ASC' },
      });
      return itemIds.map((id) => files.filter((f) => f.itemId === id));
    });
  }

  /** The item's files named by `ids`, as an update carries them; any other id is refused. */
  async forUpdate(
    manager: EntityManager,
    item: RemediationItemEntity,
    ids: readonly string[],
  ): Promise<UpdateEvidence[]> {
    const unique = [...new Set(ids)];
    if (unique.length === 0) return [];
    const files = await manager.find(RemediationEvidenceEntity, {
      where: { tenantId: item.tenantId, itemId: item.id, id: In(unique) },
    });
    if (files.length !== unique.length) throw new RemediationEvidenceNotFoundError();
    return files.map((f) => ({
      id: f.id,
      sha256: f.sha256,
      filename: f.fileName,
      mediaType: f.mediaType,
      size: f.sizeBytes,
    }));
  }

  /** Every file of the item, as the answer library keeps evidence. */
  async forLibrary(
    manager: EntityManager,
    item: RemediationItemEntity,
  ): Promise<LibraryEvidence[]> {
    const files = await manager.find(RemediationEvidenceEntity, {
      where: { tenantId: item.tenantId, itemId: item.id },
      order: { uploadedAt: 'ASC', id: 'ASC' },
    });
    return files.map(({ sha256, fileName, mediaType, sizeBytes }) => ({
      sha256,
      fileName,
      mediaType,
      sizeBytes,
    }));
  }

  /** The MSP's own file. */
  mspDownload(itemId: string, id: string): Promise<RemediationFile> {
    return this.db.transaction(async (manager) => {
      const item = await this.item(manager, itemId);
      const file = await manager.findOneBy(RemediationEvidenceEntity, {
        tenantId: item.tenantId,
        itemId: item.id,
        id,
      });
      if (!file) throw new RemediationEvidenceNotFoundError();
      return this.read(file.fileName, file.mediaType, file.sha256);
    });
  }

  /** A file posted on one of the customer's findings: found only in that finding's history. */
  customerDownload(findingId: string, id: string): Promise<RemediationFile> {
    return this.db.transaction(async (manager) => {
      const rows = await manager.query<{ file: UpdateEvidence }[]>(
        `SELECT e AS file
           FROM finding_updates u, jsonb_array_elements(u.evidence) AS e
          WHERE u.tenant_id = $1 AND u.finding_id = $2 AND e ->> 'id' = $3
          LIMIT 1`,
        [this.context.tenantId, findingId, id],
      );
      const file = rows[0]?.file;
      if (!file) throw new RemediationEvidenceNotFoundError();
      return this.read(file.filename, file.mediaType, file.sha256);
    });
  }

  private async read(fileName: string, mediaType: string, sha256: string) {
    return { fileName, mediaType, content: await this.store.read(sha256) };
  }

  private async item(manager: EntityManager, id: string): Promise<RemediationItemEntity> {
    const item = await manager.findOneBy(RemediationItemEntity, {
      tenantId: this.context.tenantId,
      id,
    });
    if (!item) throw new RemediationItemNotFoundError();
    return item;
  }
}
