import { AuditTrailService } from '@app/audit';
import type { QuestionnaireTemplate } from '@app/catalog';
import { hashSecretToken } from '@app/auth';
import { RequestContext } from '@app/common';
import { IdentityDatabase, TenantDatabase } from '@app/database';
import { UserEntity } from '@app/identity';
import { Tenant } from '@app/tenancy';
import { VendorEntity } from '@app/vendors';
import { Injectable } from '@nestjs/common';
import { type EntityManager, In, IsNull } from 'typeorm';
import {
  AssessmentInvitationInvalidError,
  NotAnMspError,
  VendorLinkedElsewhereError,
} from '../assessments.errors.js';
import { AnswerEntity } from '../entities/answer.entity.js';
import { AssessmentCommentEntity } from '../entities/assessment-comment.entity.js';
import { AssessmentEventEntity } from '../entities/assessment-event.entity.js';
import { AssessmentInvitationEntity } from '../entities/assessment-invitation.entity.js';
import { AssessmentEntity } from '../entities/assessment.entity.js';
import { EvidenceFileEntity } from '../entities/evidence-file.entity.js';
import type { AssessmentState } from '../lifecycle/assessment-states.js';
import { type AssessmentContent, loadContent } from '../shared/assessment-content.js';
import { FormCache } from '../shared/form-cache.js';
import { assessmentFor } from '../shared/assessment-lookup.js';

export interface InboxPage {
  readonly assessments: AssessmentEntity[];
  readonly hasNextPage: boolean;
}

/** Rows that follow the assessment to the MSP once the vendor is linked. */
const SHARED_CHILDREN = [
  AnswerEntity,
  AssessmentCommentEntity,
  AssessmentEventEntity,
  EvidenceFileEntity,
];

/**
 * The MSP's side: one inbox of every assessment addressed to it, across all its customers, and
 * the invitations that link a customer's vendor record to the MSP's organization. Every read is
 * by `respondent_tenant_id`; row-level security admits nothing else.
 */
@Injectable()
export class InboxService {
  constructor(
    private readonly db: TenantDatabase,
    private readonly identity: IdentityDatabase,
    private readonly context: RequestContext,
    private readonly audit: AuditTrailService,
    private readonly forms: FormCache,
  ) {}

  list(first: number, after: string | undefined, state?: AssessmentState): Promise<InboxPage> {
    return this.db.transaction(async (manager) => {
      const query = manager
        .createQueryBuilder(AssessmentEntity, 'a')
        .where('a.respondentTenantId = :me', { me: this.context.tenantId })
        .andWhere("a.state <> 'draft'")
        .orderBy('a.dueOn', 'ASC')
        .addOrderBy('a.id', 'ASC')
        .take(first + 1);
      if (state) query.andWhere('a.state = :state', { state });
      if (after) {
        const cursor = await this.find(manager, after);
        query.andWhere('(a.dueOn, a.id) > (:dueOn, :id)', { dueOn: cursor.dueOn, id: cursor.id });
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

  /** The questions this assessment asks, from the cached form. */
  template(id: string): Promise<QuestionnaireTemplate> {
    return this.db.transaction(async (manager) =>
      this.forms.templateOf(manager, await this.find(manager, id)),
    );
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

  /**
   * Accepts an invitation addressed to the signed-in person, for the organization they are
   * signed in to, which must answer assessments. The customer's vendor record is linked to that
   * organization, and every open assessment of the vendor appears in its inbox.
   */
  async accept(token: string): Promise<AssessmentEntity> {
    const mspTenantId = this.context.tenantId;
    const actor = this.context.actor;
    if (actor.type !== 'user') throw new AssessmentInvitationInvalidError();
    const msp = await this.db.transaction((manager) =>
      manager.findOneByOrFail(Tenant, { id: mspTenantId }),
    );
    if (!msp.answersAssessments) throw new NotAnMspError();
    const [invitation, user] = await this.identity.transaction(actor.id, async (manager) => [
      await manager.findOneBy(AssessmentInvitationEntity, { tokenHash: hashSecretToken(token) }),
      await manager.findOne(UserEntity, {
        where: { id: actor.id },
        select: { id: true, emailKey: true },
      }),
    ]);
    // Someone else's invitation gets the same answer as an unknown or used one.
    if (
      !invitation ||
      !user ||
      invitation.emailKey !== user.emailKey ||
      invitation.acceptedAt ||
      invitation.expiresAt.getTime() <= Date.now()
    ) {
      throw new AssessmentInvitationInvalidError();
    }
    await this.context.run({ tenantId: invitation.tenantId, actor }, () =>
      this.db.transaction((manager) => this.link(manager, invitation, mspTenantId, actor.id)),
    );
    await this.audit.record({
      action: 'assessment.invitation_accepted',
      objectType: 'assessment',
      objectId: invitation.assessmentId,
      summary: { customerTenantId: invitation.tenantId },
    });
    return this.get(invitation.assessmentId);
  }

  /** In the customer's tenant, by trusted code that has just checked the token and the person. */
  private async link(
    manager: EntityManager,
    invitation: AssessmentInvitationEntity,
    mspTenantId: string,
    userId: string,
  ): Promise<void> {
    const tenantId = invitation.tenantId;
    const assessment = await manager.findOneByOrFail(AssessmentEntity, {
      tenantId,
      id: invitation.assessmentId,
    });
    const vendor = await manager.findOneByOrFail(VendorEntity, {
      tenantId,
      id: assessment.vendorId,
    });
    if (vendor.linkedTenantId && vendor.linkedTenantId !== mspTenantId) {
      throw new VendorLinkedElsewhereError();
    }
    // A cancelled assessment's invitation links nothing.
    if (assessment.state === 'cancelled') throw new AssessmentInvitationInvalidError();
    const claimed = await manager.update(
      AssessmentInvitationEntity,
      { tenantId, id: invitation.id, acceptedAt: IsNull() },
      { acceptedAt: new Date(), acceptedBy: userId, acceptedTenantId: mspTenantId },
    );
    if (claimed.affected !== 1) throw new AssessmentInvitationInvalidError();
    if (!vendor.linkedTenantId) {
      // Conditional: of two MSPs accepting at once, exactly one links the vendor.
      const linked = await manager.update(
        VendorEntity,
        { tenantId, id: vendor.id, linkedTenantId: IsNull() },
        { linkedTenantId: mspTenantId, linkedAt: new Date() },
      );
      if (linked.affected !== 1) throw new VendorLinkedElsewhereError();
    }
    // Only assessments still waiting for answers follow; drafts stay the customer's alone.
    const open = await manager.find(AssessmentEntity, {
      where: { tenantId, vendorId: vendor.id, state: 'sent', respondentTenantId: IsNull() },
      select: { id: true },
    });
    const ids = open.map((a) => a.id);
    if (ids.length > 0) {
      await manager.update(
        AssessmentEntity,
        { tenantId, id: In(ids) },
        { respondentTenantId: mspTenantId },
      );
      for (const child of SHARED_CHILDREN) {
        await manager.update(
          child,
          { tenantId, assessmentId: In(ids) },
          { respondentTenantId: mspTenantId },
        );
      }
    }
    await this.audit.record({
      action: 'vendor.linked',
      objectType: 'vendor',
      objectId: vendor.id,
      summary: { mspTenantId, invitationId: invitation.id, assessments: ids.length },
    });
  }

  private find(manager: EntityManager, id: string): Promise<AssessmentEntity> {
    return assessmentFor(manager, 'vendor', this.context.tenantId, id);
  }
}
