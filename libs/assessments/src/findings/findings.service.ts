import { randomUUID } from 'node:crypto';
import { AuditTrailService } from '@app/audit';
import type { Question, QuestionnaireTemplate } from '@app/catalog';
import { ConflictError, NotFoundError, RequestContext } from '@app/common';
import { TenantDatabase } from '@app/database';
import { DEFAULT_PASS_LEVEL, type ScoreResult } from '@app/scoring';
import { Injectable } from '@nestjs/common';
import { type EntityManager, In, IsNull } from 'typeorm';
import {
  AssessmentNotFoundError,
  QuestionNotInAssessmentError,
  TransitionRefusedError,
} from '../assessments.errors.js';
import { AssessmentEntity } from '../entities/assessment.entity.js';
import { EvidenceFileEntity } from '../entities/evidence-file.entity.js';
import {
  FindingEntity,
  type FindingSeverity,
  type FindingStatus,
} from '../entities/finding.entity.js';
import { FindingLinkEntity } from '../entities/finding-link.entity.js';
import { FormCache } from '../shared/form-cache.js';
import { cleanText } from '../shared/text.js';
import { findingSeverity } from './finding-severity.js';

export class FindingNotFoundError extends NotFoundError {
  constructor() {
    super('FINDING_NOT_FOUND', 'No such finding in this organization.');
  }
}

export class FindingExistsError extends ConflictError {
  constructor(questionId: string) {
    super('FINDING_EXISTS', `This assessment already has a finding on ${questionId}.`, {
      questionId,
    });
  }
}

export interface FindingFilter {
  readonly vendorId?: string;
  readonly severity?: FindingSeverity;
  readonly status?: FindingStatus;
}

export interface FindingPage {
  readonly findings: FindingEntity[];
  /** The ids of those the vendor sees too, because it works on them in Cascade. */
  readonly shared: ReadonlySet<string>;
  readonly hasNextPage: boolean;
}

const REVIEWED = ['in_review', 'completed'];

/**
 * Findings: the gaps a customer holds against a vendor. Completing an assessment raises one for
 * every counted answer below its question's pass level; reviewers raise others by hand.
 */
@Injectable()
export class FindingsService {
  constructor(
    private readonly db: TenantDatabase,
    private readonly context: RequestContext,
    private readonly audit: AuditTrailService,
    private readonly forms: FormCache,
  ) {}

  /** In the completing transaction, from the final score; a rerun raises nothing twice. */
  async raiseForCompleted(
    manager: EntityManager,
    assessment: AssessmentEntity,
    score: ScoreResult,
  ): Promise<number> {
    const template = await this.forms.templateOf(manager, assessment);
    const questions = questionMap(template);
    const failing = score.families.flatMap((family) =>
      family.questions.flatMap((q) => {
        const question = questions.get(q.questionId);
        const passLevel = question?.passLevel ?? DEFAULT_PASS_LEVEL;
        return q.counted && question && q.compliance < passLevel
          ? [{ familyId: family.familyId, question, compliance: q.compliance, answer: q.answer }]
          : [];
      }),
    );
    if (failing.length === 0) return 0;
    const evidence = await this.evidenceByQuestion(
      manager,
      assessment,
      failing.map((f) => f.question.id),
    );
    const rows = failing.map((f) =>
      this.row(assessment, f.question, f.familyId, {
        source: 'automatic',
        compliance: f.compliance,
        detail: `Answer: ${f.answer ?? 'none'}; ${Math.round(f.compliance * 100)}% of what the question asks.`,
        evidenceIds: evidence.get(f.question.id) ?? [],
        raisedBy: null,
      }),
    );
    const inserted = await manager
      .createQueryBuilder()
      .insert()
      .into(FindingEntity)
      .values(rows)
      .orIgnore()
      .returning(['id'])
      .execute();
    await shareWithVendor(
      manager,
      assessment,
      (inserted.raw as { id: string }[]).map((r) => r.id),
    );
    await this.audit.record({
      action: 'findings.raised',
      objectType: 'assessment',
      objectId: assessment.id,
      summary: { questions: rows.map((r) => r.questionId) },
    });
    return rows.length;
  }

  /** A reviewer's finding on a question of an assessment under review or completed. */
  async raise(
    assessmentId: string,
    questionId: string,
    detail: string,
    severity: FindingSeverity | null,
  ): Promise<FindingEntity> {
    const why = cleanText(detail, 'The finding', { max: 4000 });
    return this.db.transaction(async (manager) => {
      const assessment = await manager.findOneBy(AssessmentEntity, {
        tenantId: this.context.tenantId,
        id: assessmentId,
      });
      if (!assessment) throw new AssessmentNotFoundError();
      if (!REVIEWED.includes(assessment.state)) {
        throw new TransitionRefusedError(
          'Findings are raised on submitted answers: review or complete the assessment first.',
          assessment.state,
        );
      }
      const template = await this.forms.templateOf(manager, assessment);
      const family = template.families.find((f) => f.questions.some((q) => q.id === questionId));
      const question = family?.questions.find((q) => q.id === questionId);
      if (!family || !question) throw new QuestionNotInAssessmentError(questionId);
      const evidence = await this.evidenceByQuestion(manager, assessment, [questionId]);
      const row = this.row(assessment, question, family.id, {
        source: 'manual',
        compliance: null,
        detail: why,
        evidenceIds: evidence.get(questionId) ?? [],
        raisedBy: this.context.userId,
        severity,
      });
      const result = await manager
        .createQueryBuilder()
        .insert()
        .into(FindingEntity)
        .values(row)
        .orIgnore()
        .returning(['id'])
        .execute();
      if ((result.raw as unknown[]).length === 0) throw new FindingExistsError(questionId);
      await shareWithVendor(manager, assessment, [row.id]);
      await this.audit.record({
        action: 'findings.raised_by_hand',
        objectType: 'finding',
        objectId: row.id,
        summary: { assessmentId, questionId, severity: row.severity },
      });
      return manager.findOneByOrFail(FindingEntity, { tenantId: row.tenantId, id: row.id });
    });
  }

  list(first: number, after: string | undefined, filter: FindingFilter): Promise<FindingPage> {
    return this.db.transaction(async (manager) => {
      const query = manager
        .createQueryBuilder(FindingEntity, 'f')
        .where('f.tenantId = :tenantId', { tenantId: this.context.tenantId })
        .orderBy('f.raisedAt', 'DESC')
        .addOrderBy('f.id', 'DESC')
        .take(first + 1);
      if (filter.vendorId) query.andWhere('f.vendorId = :vendorId', { vendorId: filter.vendorId });
      if (filter.severity) query.andWhere('f.severity = :severity', { severity: filter.severity });
      if (filter.status) query.andWhere('f.status = :status', { status: filter.status });
      if (after) {
        const cursor = await this.find(manager, after);
        query.andWhere('(f.raisedAt, f.id) < (:raisedAt, :id)', {
          raisedAt: cursor.raisedAt,
          id: cursor.id,
        });
      }
      const rows = await query.getMany();
      const findings = rows.slice(0, first);
      const shared = await sharedIds(manager, this.context.tenantId, findings);
      return { findings, shared, hasNextPage: rows.length > first };
    });
  }

  get(id: string): Promise<{ finding: FindingEntity; shared: boolean }> {
    return this.db.transaction(async (manager) => {
      const finding = await this.find(manager, id);
      const shared = await sharedIds(manager, this.context.tenantId, [finding]);
      return { finding, shared: shared.has(finding.id) };
    });
  }

  private row(
    assessment: AssessmentEntity,
    question: Question,
    familyId: string,
    parts: {
      source: 'automatic' | 'manual';
      compliance: number | null;
      detail: string;
      evidenceIds: string[];
      raisedBy: string | null;
      severity?: FindingSeverity | null;
    },
  ): FindingEntity {
    return Object.assign(new FindingEntity(), {
      tenantId: assessment.tenantId,
      id: randomUUID(),
      vendorId: assessment.vendorId,
      assessmentId: assessment.id,
      questionId: question.id,
      familyId,
      title: question.text.slice(0, 2000),
      detail: parts.detail,
      severity:
        parts.severity ??
        findingSeverity(question.weight, question.knockout === true, assessment.tier),
      status: 'open',
      source: parts.source,
      compliance: parts.compliance,
      controls: question.controls ?? {},
      evidenceIds: parts.evidenceIds,
      raisedBy: parts.raisedBy,
      raisedAt: new Date(),
    });
  }

  private async evidenceByQuestion(
    manager: EntityManager,
    assessment: AssessmentEntity,
    questionIds: string[],
  ): Promise<Map<string, string[]>> {
    const files = await manager.find(EvidenceFileEntity, {
      where: {
        tenantId: assessment.tenantId,
        assessmentId: assessment.id,
        questionId: In(questionIds),
        removedAt: IsNull(),
      },
      select: { id: true, questionId: true },
    });
    const byQuestion = new Map<string, string[]>();
    for (const file of files) {
      byQuestion.set(file.questionId, [...(byQuestion.get(file.questionId) ?? []), file.id]);
    }
    return byQuestion;
  }

  private async find(manager: EntityManager, id: string): Promise<FindingEntity> {
    const found = await manager.findOneBy(FindingEntity, { tenantId: this.context.tenantId, id });
    if (!found) throw new FindingNotFoundError();
    return found;
  }
}

async function sharedIds(
  manager: EntityManager,
  tenantId: string,
  findings: readonly FindingEntity[],
): Promise<Set<string>> {
  if (findings.length === 0) return new Set();
  const links = await manager.find(FindingLinkEntity, {
    where: { tenantId, findingId: In(findings.map((f) => f.id)) },
    select: { findingId: true },
  });
  return new Set(links.map((l) => l.findingId));
}

/**
 * A vendor that answers on Cascade sees the findings against it, through a link row per
 * finding; that is the only way the MSP's side reaches one.
 */
async function shareWithVendor(
  manager: EntityManager,
  assessment: AssessmentEntity,
  findingIds: readonly string[],
): Promise<void> {
  const mspTenantId = assessment.respondentTenantId;
  if (!mspTenantId || findingIds.length === 0) return;
  const linkedAt = new Date();
  await manager.insert(
    FindingLinkEntity,
    findingIds.map((findingId) => ({
      tenantId: assessment.tenantId,
      findingId,
      mspTenantId,
      linkedAt,
    })),
  );
}

function questionMap(template: QuestionnaireTemplate): Map<string, Question> {
  return new Map(template.families.flatMap((f) => f.questions).map((q) => [q.id, q]));
}
