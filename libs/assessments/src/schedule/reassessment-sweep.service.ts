import { randomUUID } from 'node:crypto';
import { AuditTrailService } from '@app/audit';
import { addDays, Clock, RequestContext } from '@app/common';
import { APP_CONFIG, type AppConfig } from '@app/config';
import { TenantDatabase } from '@app/database';
import { OutboxService } from '@app/notifications';
import { Tenant } from '@app/tenancy';
import { VendorEntity } from '@app/vendors';
import { Inject, Injectable, Logger } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { ReassessmentCycles } from '../customer/reassessment-cycles.service.js';
import { AnswerEntity } from '../entities/answer.entity.js';
import { AssessmentEventEntity } from '../entities/assessment-event.entity.js';
import { AssessmentFormEntity } from '../entities/assessment-form.entity.js';
import { AssessmentEntity } from '../entities/assessment.entity.js';
import { customerContact } from '../notifications/customer-contacts.js';
import { questionsForTier } from '../scope/tier-scope.js';
import { type CycleFacts, cycleReadyMail, cycleSentMail } from './cycle-mails.js';
import { pastRespondents } from './respondent-emails.js';
import { type StepResult, sweepEach } from './sweep-report.js';

/** How long the vendor has to answer a cycle started automatically. */
export const CYCLE_ANSWER_DAYS = 30;

const CYCLE_SUFFIX = / \(\d{4}-\d{2}-\d{2} cycle\)$/;

/** The previous title with the new cycle's date in place of any earlier one, within 200 chars. */
export function cycleTitle(previousTitle: string, cycleOn: string): string {
  const suffix = ` (${cycleOn} cycle)`;
  const base = [...previousTitle.replace(CYCLE_SUFFIX, '')].slice(0, 200 - suffix.length);
  return `${base.join('').trimEnd()}${suffix}`;
}

/**
 * Starts the next cycle of every completed assessment whose `next_cycle_on` has come: the same
 * form, scoped to the vendor's tier now, pre-filled with the previous answers. A linked vendor's
 * MSP gets it in its inbox at once; otherwise it waits as a draft for the customer to send.
 */
@Injectable()
export class ReassessmentSweep {
  private readonly logger = new Logger(ReassessmentSweep.name);

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly db: TenantDatabase,
    private readonly context: RequestContext,
    private readonly audit: AuditTrailService,
    private readonly outbox: OutboxService,
    private readonly cycles: ReassessmentCycles,
    private readonly clock: Clock,
  ) {}

  /** Starts the cycles due by `today` in the current tenant; returns how many started. */
  async run(today: string): Promise<StepResult> {
    const due = await this.db.transaction((manager) =>
      manager
        .createQueryBuilder(AssessmentEntity, 'a')
        .select(['a.tenantId', 'a.id'])
        .where('a.tenantId = :tenantId', { tenantId: this.context.tenantId })
        .andWhere("a.state = 'completed'")
        .andWhere('a.nextCycleOn <= :today', { today })
        .andWhere(
          `NOT EXISTS (SELECT 1 FROM assessments s
                        WHERE s.tenant_id = a.tenant_id AND s.previous_assessment_id = a.id)`,
        )
        .orderBy('a.nextCycleOn', 'ASC')
        .addOrderBy('a.id', 'ASC')
        .getMany(),
    );
    return sweepEach(
      'reassessment',
      due.map((a) => a.id),
      this.logger,
      (id) => this.startCycle(id, today),
    );
  }

  private startCycle(previousId: string, today: string): Promise<number> {
    return this.db.transaction(async (manager) => {
      const tenantId = this.context.tenantId;
      // The row lock makes racing runs take turns; the second then sees the first's successor.
      const previous = await manager
        .createQueryBuilder(AssessmentEntity, 'a')
        .setLock('pessimistic_write')
        .where('a.tenantId = :tenantId AND a.id = :id', { tenantId, id: previousId })
        .getOne();
      if (!previous?.nextCycleOn || previous.state !== 'completed') return 0;
      if (previous.nextCycleOn > today) return 0;
      if (
        await manager.existsBy(AssessmentEntity, { tenantId, previousAssessmentId: previousId })
      ) {
        return 0;
      }
      const vendor = await manager.findOneByOrFail(VendorEntity, {
        tenantId,
        id: previous.vendorId,
      });
      // The customer may have stopped reassessing this tier since the last cycle completed.
      const months = await this.cycles.monthsFor(vendor.tier);
      if (months === null) return 0;
      const next = await this.createSuccessor(manager, previous, vendor, today);
      const carried = await this.carryAnswers(manager, previous, next);
      const facts: CycleFacts = {
        previous,
        next,
        carried,
        months,
        publicUrl: this.config.publicUrl,
      };
      await this.announce(manager, facts);
      await this.audit.record({
        action: 'assessment.cycle_started',
        objectType: 'assessment',
        objectId: next.id,
        summary: {
          previousAssessmentId: previous.id,
          vendorId: vendor.id,
          tier: vendor.tier,
          questions: next.questionIds.length,
          carriedAnswers: carried,
          dueOn: next.dueOn,
          sent: next.state === 'sent',
        },
      });
      return 1;
    });
  }

  private async createSuccessor(
    manager: EntityManager,
    previous: AssessmentEntity,
    vendor: VendorEntity,
    today: string,
  ): Promise<AssessmentEntity> {
    const form = await manager.findOneByOrFail(AssessmentFormEntity, {
      tenantId: previous.tenantId,
      id: previous.formId,
    });
    const tenant = await manager.findOneByOrFail(Tenant, { id: previous.tenantId });
    const now = this.clock.now();
    const linked = vendor.linkedTenantId;
    const next = manager.create(AssessmentEntity, {
      tenantId: previous.tenantId,
      id: randomUUID(),
      vendorId: vendor.id,
      formId: form.id,
      title: cycleTitle(previous.title, previous.nextCycleOn ?? today),
      state: linked ? 'sent' : 'draft',
      tier: vendor.tier,
      questionIds: questionsForTier(form.content, vendor.tier),
      dueOn: addDays(today, CYCLE_ANSWER_DAYS),
      respondentTenantId: linked,
      customerName: tenant.name,
      vendorName: vendor.name,
      previousAssessmentId: previous.id,
      nextCycleOn: null,
      // Who started the series still hears about it when the vendor has no owner.
      createdBy: previous.createdBy,
      createdAt: now,
      stateChangedAt: now,
      sentAt: linked ? now : null,
      submittedAt: null,
      completedAt: null,
    });
    await manager.insert(AssessmentEntity, next);
    if (linked) {
      await manager.insert(AssessmentEventEntity, {
        tenantId: next.tenantId,
        id: randomUUID(),
        assessmentId: next.id,
        respondentTenantId: linked,
        fromState: 'draft',
        toState: 'sent',
        actorSide: 'system',
        actorUserId: null,
        comment: 'Sent automatically: the next reassessment cycle.',
        occurredAt: now,
      });
    }
    return next;
  }

  /** Pre-fills each question still asked with last cycle's answer, kept as `previous_*` too. */
  private async carryAnswers(
    manager: EntityManager,
    previous: AssessmentEntity,
    next: AssessmentEntity,
  ): Promise<number> {
    const asked = new Set(next.questionIds);
    const answers = await manager.findBy(AnswerEntity, {
      tenantId: previous.tenantId,
      assessmentId: previous.id,
    });
    const rows = answers
      .filter((a) => asked.has(a.questionId) && (a.value !== null || a.notApplicable))
      .map((a) =>
        manager.create(AnswerEntity, {
          tenantId: next.tenantId,
          assessmentId: next.id,
          questionId: a.questionId,
          respondentTenantId: next.respondentTenantId,
          value: a.value,
          notApplicable: a.notApplicable,
          // A carried claim keeps its justification and waits for the reviewer again.
          notApplicableReason: a.notApplicableReason,
          version: 1,
          answeredBy: null,
          answeredAt: null,
          assigneeUserId: null,
          carried: true,
          previousValue: a.value,
          previousNotApplicable: a.notApplicable,
          reviewStatus: 'pending',
          reviewComment: null,
          reviewedBy: null,
          reviewedAt: null,
        }),
      );
    if (rows.length > 0) await manager.insert(AnswerEntity, rows);
    return rows.length;
  }

  /** Sent: those who answered last time hear it is in their inbox. Draft: the owner sends it. */
  private async announce(manager: EntityManager, facts: CycleFacts): Promise<void> {
    if (facts.next.state === 'sent') {
      for (const to of await pastRespondents(manager, facts.previous)) {
        await this.outbox.enqueue(cycleSentMail(facts, to));
      }
      return;
    }
    const contact = await customerContact(manager, facts.next);
    if (contact) {
      await this.outbox.enqueue(
        cycleReadyMail(facts, { email: contact.email, name: contact.displayName }),
      );
    }
  }
}
