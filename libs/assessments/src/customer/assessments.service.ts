import { randomUUID } from 'node:crypto';
import { AuditTrailService } from '@app/audit';
import { hashSecretToken, newSecretToken } from '@app/auth';
import { CatalogService, type TemplateRef } from '@app/catalog';
import { Clock, RequestContext } from '@app/common';
import { APP_CONFIG, type AppConfig } from '@app/config';
import { TenantDatabase } from '@app/database';
import { normaliseEmail } from '@app/identity';
import { OutboxService } from '@app/notifications';
import { forMail } from '../schedule/mail-text.js';
import { Tenant } from '@app/tenancy';
import { VendorEntity, VendorNotFoundError } from '@app/vendors';
import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { InvalidAssessmentError } from '../assessments.errors.js';
import { AssessmentEventEntity } from '../entities/assessment-event.entity.js';
import { AssessmentFormEntity } from '../entities/assessment-form.entity.js';
import { AssessmentInvitationEntity } from '../entities/assessment-invitation.entity.js';
import { AssessmentEntity } from '../entities/assessment.entity.js';
import type { AssessmentState } from '../lifecycle/assessment-states.js';
import { questionsForTier } from '../scope/tier-scope.js';
import { type AssessmentContent, loadContent } from '../shared/assessment-content.js';
import { moveAssessment } from '../shared/assessment-moves.js';
import { checkDate, cleanText } from '../shared/text.js';
import { assessmentFor } from '../shared/assessment-lookup.js';

const INVITATION_TTL_DAYS = 30;

/** An assessment that would ask nothing is refused with what to change (imports hit this). */
function noQuestionsForTier(tier: number): InvalidAssessmentError {
  return new InvalidAssessmentError(
    'NO_QUESTIONS_FOR_TIER',
    `This template asks a tier ${tier} vendor no question: none of its questions is a knockout, asked of every tier, or weighted enough for tier ${tier}. Mark questions as asked of every tier or raise their weights in a new version, or choose another template.`,
  );
}
const MAX_RESPONDENTS = 20;

export interface NewAssessment {
  readonly vendorId: string;
  readonly template: TemplateRef;
  readonly dueOn: string;
  readonly title?: string;
}

export interface AssessmentFilter {
  readonly state?: AssessmentState;
  readonly vendorId?: string;
}

export interface AssessmentPage {
  readonly assessments: AssessmentEntity[];
  readonly hasNextPage: boolean;
}

/**
 * The customer's side of assessments: create one for a vendor from a published template version,
 * scoped to the vendor's tier; send it to respondents; cancel it. Review lives in ReviewService.
 */
@Injectable()
export class AssessmentsService {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly db: TenantDatabase,
    private readonly context: RequestContext,
    private readonly audit: AuditTrailService,
    private readonly catalog: CatalogService,
    private readonly outbox: OutboxService,
    private readonly clock: Clock,
  ) {}

  async create(input: NewAssessment): Promise<AssessmentEntity> {
    const dueOn = checkDate(input.dueOn, 'The due date');
    if (dueOn < this.clock.today()) {
      throw new InvalidAssessmentError('DUE_DATE_PAST', 'The due date cannot be in the past.');
    }
    const version = await this.catalog.get(input.template);
    if (version.status !== 'published') {
      throw new InvalidAssessmentError(
        'TEMPLATE_NOT_PUBLISHED',
        'Send a published template version; publish the draft first.',
      );
    }
    return this.db.transaction(async (manager) => {
      const tenantId = this.context.tenantId;
      const vendor = await manager.findOneBy(VendorEntity, { tenantId, id: input.vendorId });
      if (!vendor) throw new VendorNotFoundError();
      const questionIds = questionsForTier(version.content, vendor.tier);
      if (questionIds.length === 0) throw noQuestionsForTier(vendor.tier);
      const form = await this.formFor(manager, input.template, version.content);
      const tenant = await manager.findOneByOrFail(Tenant, { id: tenantId });
      const now = new Date();
      const assessment = manager.create(AssessmentEntity, {
        tenantId,
        id: randomUUID(),
        vendorId: vendor.id,
        formId: form.id,
        title: cleanText(input.title ?? `${version.content.title} — ${vendor.name}`, 'The title', {
          max: 200,
        }),
        state: 'draft',
        tier: vendor.tier,
        questionIds,
        dueOn,
        respondentTenantId: null,
        customerName: tenant.name,
        vendorName: vendor.name,
        previousAssessmentId: null,
        nextCycleOn: null,
        createdBy: this.context.userId,
        createdAt: now,
        stateChangedAt: now,
        sentAt: null,
        submittedAt: null,
        completedAt: null,
      });
      await manager.insert(AssessmentEntity, assessment);
      await this.audit.record({
        action: 'assessment.created',
        objectType: 'assessment',
        objectId: assessment.id,
        summary: {
          vendorId: vendor.id,
          template: `${form.templateKey}@${form.templateVersion}`,
          tier: vendor.tier,
          questions: assessment.questionIds.length,
          dueOn,
        },
      });
      return assessment;
    });
  }

  list(
    first: number,
    after: string | undefined,
    filter: AssessmentFilter,
  ): Promise<AssessmentPage> {
    return this.db.transaction(async (manager) => {
      const query = manager
        .createQueryBuilder(AssessmentEntity, 'a')
        .where('a.tenantId = :tenantId', { tenantId: this.context.tenantId })
        .orderBy('a.createdAt', 'DESC')
        .addOrderBy('a.id', 'DESC')
        .take(first + 1);
      if (filter.state) query.andWhere('a.state = :state', { state: filter.state });
      if (filter.vendorId) query.andWhere('a.vendorId = :vendorId', { vendorId: filter.vendorId });
      if (after) {
        const cursor = await this.find(manager, after);
        query.andWhere('(a.createdAt, a.id) < (:createdAt, :id)', {
          createdAt: cursor.createdAt,
          id: cursor.id,
        });
      }
      const rows = await query.getMany();
      return { assessments: rows.slice(0, first), hasNextPage: rows.length > first };
    });
  }

  get(id: string): Promise<AssessmentEntity> {
    return this.db.transaction((manager) => this.find(manager, id));
  }

  content(id: string): Promise<AssessmentContent> {
    return this.db.transaction(async (manager) =>
      loadContent(manager, await this.find(manager, id)),
    );
  }

  /**
   * Sends the assessment. A vendor not yet linked to its MSP's organization needs at least one
   * respondent email: each gets an invitation whose acceptance makes the link. A linked vendor's
   * MSP sees the assessment in its inbox at once; emails named then are told about it.
   */
  async send(id: string, emails: readonly string[]): Promise<AssessmentEntity> {
    const respondents = [...new Map(emails.map((e) => normaliseEmail(e)).map((e) => [e.key, e]))];
    if (respondents.length > MAX_RESPONDENTS) {
      throw new InvalidAssessmentError(
        'TOO_MANY_RESPONDENTS',
        `Send to at most ${MAX_RESPONDENTS} respondents.`,
      );
    }
    return this.db.transaction(async (manager) => {
      const assessment = await this.find(manager, id);
      const vendor = await manager.findOneByOrFail(VendorEntity, {
        tenantId: assessment.tenantId,
        id: assessment.vendorId,
      });
      if (!vendor.linkedTenantId && respondents.length === 0) {
        throw new InvalidAssessmentError(
          'RESPONDENTS_REQUIRED',
          'Name at least one person at the vendor to answer: the vendor is not on Cascade yet.',
        );
      }
      const sent = await moveAssessment(manager, assessment, {
        action: 'send',
        side: 'customer',
        actorUserId: this.context.userId,
        also: { respondentTenantId: vendor.linkedTenantId },
      });
      for (const [, respondent] of respondents) {
        await this.invite(manager, sent, respondent.email, respondent.key);
      }
      await this.audit.record({
        action: 'assessment.sent',
        objectType: 'assessment',
        objectId: id,
        summary: { respondents: respondents.length, linked: Boolean(vendor.linkedTenantId) },
      });
      return sent;
    });
  }

  async cancel(id: string, reason: string): Promise<AssessmentEntity> {
    const why = cleanText(reason, 'The reason', { max: 1000 });
    return this.db.transaction(async (manager) => {
      const cancelled = await moveAssessment(manager, await this.find(manager, id), {
        action: 'cancel',
        side: 'customer',
        actorUserId: this.context.userId,
        comment: why,
      });
      await this.audit.record({
        action: 'assessment.cancelled',
        objectType: 'assessment',
        objectId: id,
        summary: { reason: why },
      });
      return cancelled;
    });
  }

  invitations(id: string): Promise<AssessmentInvitationEntity[]> {
    return this.db.transaction(async (manager) => {
      const assessment = await this.find(manager, id);
      return manager.find(AssessmentInvitationEntity, {
        where: { tenantId: assessment.tenantId, assessmentId: id },
        order: { createdAt: 'ASC' },
      });
    });
  }

  timeline(id: string): Promise<AssessmentEventEntity[]> {
    return this.db.transaction(async (manager) => {
      const assessment = await this.find(manager, id);
      return manager.find(AssessmentEventEntity, {
        where: { tenantId: assessment.tenantId, assessmentId: id },
        order: { occurredAt: 'ASC' },
      });
    });
  }

  private async invite(
    manager: EntityManager,
    assessment: AssessmentEntity,
    email: string,
    emailKey: string,
  ): Promise<void> {
    const token = newSecretToken();
    const now = new Date();
    const expiresAt = new Date(now.getTime() + INVITATION_TTL_DAYS * 24 * 3600 * 1000);
    await manager.insert(AssessmentInvitationEntity, {
      tenantId: assessment.tenantId,
      id: randomUUID(),
      assessmentId: assessment.id,
      email,
      emailKey,
      tokenHash: hashSecretToken(token),
      createdAt: now,
      expiresAt,
      acceptedAt: null,
      acceptedBy: null,
      acceptedTenantId: null,
    });
    const url = `${this.config.publicUrl}/assessments/accept#token=${token}`;
    const named = forMail(assessment);
    await this.outbox.enqueue({
      kind: 'assessment_invitation',
      to: email,
      subject: `${named.customerName} asks you to complete a security assessment`,
      text: [
        `${named.customerName} has sent "${named.title}" to ${named.vendorName} on Cascade.`,
        `It is due on ${assessment.dueOn}.`,
        '',
        `Sign in to your organization on Cascade and accept: ${url}`,
        '',
        `The link works once and expires on ${expiresAt.toUTCString()}.`,
        'If you did not expect it, ignore this mail.',
      ].join('\n'),
    });
  }

  /** The tenant's copy of a published template version, made on first use. */
  private async formFor(
    manager: EntityManager,
    ref: TemplateRef,
    content: AssessmentFormEntity['content'],
  ): Promise<AssessmentFormEntity> {
    const where = {
      tenantId: this.context.tenantId,
      templateKey: ref.key,
      templateVersion: ref.version,
      builtIn: ref.builtIn,
    };
    await manager
      .createQueryBuilder()
      .insert()
      .into(AssessmentFormEntity)
      .values({ ...where, id: randomUUID(), content, createdAt: new Date() })
      .orIgnore()
      .execute();
    return manager.findOneByOrFail(AssessmentFormEntity, where);
  }

  private find(manager: EntityManager, id: string): Promise<AssessmentEntity> {
    return assessmentFor(manager, 'customer', this.context.tenantId, id);
  }
}
