import { randomUUID } from 'node:crypto';
import { AuditTrailService } from '@app/audit';
import { RequestContext } from '@app/common';
import { APP_CONFIG, type AppConfig } from '@app/config';
import { TenantDatabase } from '@app/database';
import { EvidenceStore } from '@app/evidence';
import { Inject, Injectable } from '@nestjs/common';
import { type EntityManager, IsNull } from 'typeorm';
import {
  EvidenceFileNotFoundError,
  QuestionNotInAssessmentError,
  TransitionRefusedError,
} from '../assessments.errors.js';
import { AssessmentEntity } from '../entities/assessment.entity.js';
import { EvidenceFileEntity } from '../entities/evidence-file.entity.js';
import { ANSWERABLE, type Side } from '../lifecycle/assessment-states.js';
import { acceptUpload, recordStoredBlob } from '../shared/accept-upload.js';
import { assessmentFor } from '../shared/assessment-lookup.js';

export interface EvidenceDownload {
  readonly file: EvidenceFileEntity;
  readonly content: Buffer;
}

/**
 * Evidence files on answers. The MSP uploads them while it may still answer; each is checked by
 * its content against an allow-list and stored once by SHA-256. Downloads go to whoever may see
 * the answer: the customer that owns the assessment and the MSP answering it.
 */
@Injectable()
export class EvidenceService {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly db: TenantDatabase,
    private readonly context: RequestContext,
    private readonly audit: AuditTrailService,
    private readonly store: EvidenceStore,
  ) {}

  async upload(
    assessmentId: string,
    questionId: string,
    fileName: string,
    content: Buffer,
  ): Promise<EvidenceFileEntity> {
    const upload = await acceptUpload(this.store, this.config.evidence.maxBytes, fileName, content);
    return this.db.transaction(async (manager) => {
      await recordStoredBlob(manager, this.context.tenantId, upload);
      const assessment = await this.answerable(manager, assessmentId);
      if (!assessment.questionIds.includes(questionId)) {
        throw new QuestionNotInAssessmentError(questionId);
      }
      const file = manager.create(EvidenceFileEntity, {
        tenantId: assessment.tenantId,
        id: randomUUID(),
        assessmentId,
        questionId,
        respondentTenantId: assessment.respondentTenantId,
        ...upload,
        uploadedBy: this.context.userId,
        uploadedAt: new Date(),
        removedAt: null,
      });
      await manager.insert(EvidenceFileEntity, file);
      await this.audit.record({
        action: 'assessment.evidence_uploaded',
        objectType: 'assessment',
        objectId: assessmentId,
        summary: { questionId, evidenceId: file.id, sha256: upload.sha256, size: upload.sizeBytes },
      });
      return file;
    });
  }

  /** Takes a file off an answer; the row stays for the record. */
  async remove(evidenceId: string): Promise<void> {
    await this.db.transaction(async (manager) => {
      const file = await this.find(manager, 'vendor', evidenceId);
      await this.answerable(manager, file.assessmentId);
      await manager.update(
        EvidenceFileEntity,
        { tenantId: file.tenantId, id: file.id, removedAt: IsNull() },
        { removedAt: new Date() },
      );
      await this.audit.record({
        action: 'assessment.evidence_removed',
        objectType: 'assessment',
        objectId: file.assessmentId,
        summary: { questionId: file.questionId, evidenceId },
      });
    });
  }

  async download(side: Side, evidenceId: string): Promise<EvidenceDownload> {
    const file = await this.db.transaction((manager) => this.find(manager, side, evidenceId));
    return { file, content: await this.store.read(file.sha256) };
  }

  private async find(manager: EntityManager, side: Side, id: string): Promise<EvidenceFileEntity> {
    const me = this.context.tenantId;
    const scope = side === 'customer' ? { tenantId: me } : { respondentTenantId: me };
    const file = await manager.findOneBy(EvidenceFileEntity, { ...scope, id, removedAt: IsNull() });
    if (!file) throw new EvidenceFileNotFoundError();
    return file;
  }

  private async answerable(manager: EntityManager, id: string): Promise<AssessmentEntity> {
    const assessment = await assessmentFor(manager, 'vendor', this.context.tenantId, id);
    if (!ANSWERABLE.includes(assessment.state)) {
      throw new TransitionRefusedError(
        `Evidence can no longer be changed: the assessment is ${assessment.state.replace('_', ' ')}.`,
        assessment.state,
      );
    }
    return assessment;
  }
}
