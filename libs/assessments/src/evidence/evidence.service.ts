import { randomUUID } from 'node:crypto';
import { AuditTrailService } from '@app/audit';
import { RequestContext } from '@app/common';
import { TenantDatabase } from '@app/database';
import { EvidenceStore, type UploadBody } from '@app/evidence';
import { Injectable } from '@nestjs/common';
import { type EntityManager, IsNull } from 'typeorm';
import {
  EvidenceFileNotFoundError,
  QuestionNotInAssessmentError,
  TransitionRefusedError,
} from '../assessments.errors.js';
import { AssessmentEntity } from '../entities/assessment.entity.js';
import { EvidenceFileEntity } from '../entities/evidence-file.entity.js';
import { ANSWERABLE, type Side } from '../lifecycle/assessment-states.js';
import { assessmentFor } from '../shared/assessment-lookup.js';
import { type CheckedUpload, UploadIntake } from '../storage/upload-intake.service.js';

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
    private readonly db: TenantDatabase,
    private readonly context: RequestContext,
    private readonly audit: AuditTrailService,
    private readonly store: EvidenceStore,
    private readonly intake: UploadIntake,
  ) {}

  /**
   * The target is checked before a byte of the body is read, and again when the file is
   * recorded; a refused or failed upload leaves nothing on disk.
   */
  async upload(
    assessmentId: string,
    questionId: string,
    fileName: string,
    body: UploadBody,
  ): Promise<EvidenceFileEntity> {
    await this.db.transaction((manager) => this.target(manager, assessmentId, questionId));
    const upload = await this.intake.receive(fileName, body);
    try {
      return await this.record(assessmentId, questionId, upload);
    } finally {
      await upload.received.discard();
    }
  }

  private record(
    assessmentId: string,
    questionId: string,
    upload: CheckedUpload,
  ): Promise<EvidenceFileEntity> {
    return this.db.transaction(async (manager) => {
      const assessment = await this.target(manager, assessmentId, questionId);
      await this.intake.charge(manager, upload);
      const file = manager.create(EvidenceFileEntity, {
        tenantId: assessment.tenantId,
        id: randomUUID(),
        assessmentId,
        questionId,
        respondentTenantId: assessment.respondentTenantId,
        fileName: upload.fileName,
        mediaType: upload.mediaType,
        sha256: upload.sha256,
        sizeBytes: upload.sizeBytes,
        uploadedBy: this.context.userId,
        uploadedAt: new Date(),
        removedAt: null,
      });
      await manager.insert(EvidenceFileEntity, file);
      await this.audit.record({
        action: 'assessment.evidence_uploaded',
        objectType: 'assessment',
        objectId: assessmentId,
        summary: { questionId, evidenceId: file.id, sha256: file.sha256, size: file.sizeBytes },
      });
      await this.intake.keep(upload);
      return file;
    });
  }

  /** The assessment the MSP may still answer, and the question on it; else not found. */
  private async target(
    manager: EntityManager,
    assessmentId: string,
    questionId: string,
  ): Promise<AssessmentEntity> {
    const assessment = await this.answerable(manager, assessmentId);
    if (!assessment.questionIds.includes(questionId)) {
      throw new QuestionNotInAssessmentError(questionId);
    }
    return assessment;
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
