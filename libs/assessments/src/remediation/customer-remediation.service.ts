import { randomUUID } from 'node:crypto';
import { AuditTrailService } from '@app/audit';
import { addDays, Clock, RequestContext } from '@app/common';
import { TenantDatabase } from '@app/database';
import { mailSafe, OutboxService } from '@app/notifications';
import { Injectable } from '@nestjs/common';
import { type EntityManager, In, IsNull } from 'typeorm';
import { AssessmentEntity } from '../entities/assessment.entity.js';
import { FindingEntity, type FindingStatus } from '../entities/finding.entity.js';
import { FindingUpdateEntity } from '../entities/finding-update.entity.js';
import { RiskAcceptanceEntity } from '../entities/risk-acceptance.entity.js';
import { FindingNotFoundError } from '../findings/findings.service.js';
import { respondentEmails } from '../schedule/respondent-emails.js';
import { checkDate, cleanText } from '../shared/text.js';
import { changeFinding, type FindingChange, isShared } from './finding-history.js';
import { FindingRescore } from './finding-rescore.js';
import { type CheckedPlan, checkPlan, type PlanInput } from './remediation-plan.js';
import { FindingMoveRefusedError, InvalidPlanError } from './remediation.errors.js';

/** The longest a customer may accept a risk before deciding again. */
export const MAX_ACCEPTANCE_DAYS = 3 * 365;

export interface CustomerPlanInput extends PlanInput {
  readonly owner: string;
}

/**
 * The customer's side of remediation: each customer judges its own findings. It verifies what
 * the vendor reports fixed (which rescores the assessment), accepts a risk until a date, or
 * reopens; for a vendor that is not on Cascade it also records the vendor's plan and progress.
 */
@Injectable()
export class CustomerRemediationService {
  constructor(
    private readonly db: TenantDatabase,
    private readonly context: RequestContext,
    private readonly audit: AuditTrailService,
    private readonly outbox: OutboxService,
    private readonly clock: Clock,
    private readonly rescore: FindingRescore,
  ) {}

  /** A plan for a finding the vendor does not work on in Cascade. */
  async plan(findingId: string, input: CustomerPlanInput): Promise<FindingEntity> {
    const owner = cleanText(input.owner, 'The owner', { max: 200 });
    const plan: CheckedPlan = checkPlan(input, this.clock.today());
    return this.db.transaction(async (manager) => {
      const finding = await this.find(manager, findingId);
      if (await isShared(manager, finding)) {
        throw new FindingMoveRefusedError(
          'Your vendor plans this finding on Cascade; its plan shows on the finding.',
          finding.status,
        );
      }
      const changed = await this.change(manager, finding, {
        kind: 'plan',
        to: ['open', 'reopened'].includes(finding.status) ? 'planned' : undefined,
        text: `Plan: ${owner}, due ${plan.dueOn}, ${plan.milestones.length} milestone(s).`,
        also: { planOwner: owner, planDueOn: plan.dueOn, milestones: plan.milestones },
      });
      await this.record('finding.planned', changed, { dueOn: plan.dueOn, owner });
      return changed;
    });
  }

  /** A note on the finding's history; for a vendor not on Cascade, it may also move it. */
  async post(findingId: string, text: string, to?: FindingStatus): Promise<FindingEntity> {
    const note = cleanText(text, 'The update');
    return this.db.transaction(async (manager) => {
      const finding = await this.find(manager, findingId);
      const changed = await this.change(manager, finding, {
        kind: to === 'resolved' ? 'resolved' : 'progress',
        text: note,
        to,
      });
      await this.record('finding.updated', changed, { to: to ?? null });
      return changed;
    });
  }

  /**
   * Confirms the vendor's fix. If the vendor said what its answer is now, that answer replaces
   * the old one in the assessment and the assessment is scored again.
   */
  async verify(findingId: string, note: string | null): Promise<FindingEntity> {
    const text = note === null ? null : cleanText(note, 'The note');
    return this.db.transaction(async (manager) => {
      const finding = await this.find(manager, findingId);
      const changed = await this.change(manager, finding, {
        kind: 'verified',
        to: 'verified',
        text,
      });
      const rescored = await this.rescore.apply(
        manager,
        changed,
        this.context.userId,
        this.clock.now(),
      );
      await this.record('finding.verified', changed, { rescored: rescored?.overall ?? null });
      await this.tellVendor(manager, changed, 'verified', text);
      return changed;
    });
  }

  async reopen(findingId: string, reason: string): Promise<FindingEntity> {
    const text = cleanText(reason, 'The reason');
    return this.db.transaction(async (manager) => {
      const finding = await this.find(manager, findingId);
      const changed = await this.change(manager, finding, {
        kind: 'reopened',
        to: 'reopened',
        text,
      });
      await this.endAcceptance(manager, finding, 'reopened');
      await this.record('finding.reopened', changed, { from: finding.status });
      await this.tellVendor(manager, changed, 'reopened', text);
      return changed;
    });
  }

  /** Lives with the risk until `expiresOn` (inclusive); the day after, the finding reopens. */
  async acceptRisk(
    findingId: string,
    justification: string,
    expiresOn: string,
  ): Promise<RiskAcceptanceEntity> {
    const why = cleanText(justification, 'The justification');
    const until = checkDate(expiresOn, 'The expiry date');
    const today = this.clock.today();
    if (until < today || until > addDays(today, MAX_ACCEPTANCE_DAYS)) {
      throw new InvalidPlanError(
        `A risk is accepted from today for at most ${MAX_ACCEPTANCE_DAYS} days (until ${addDays(today, MAX_ACCEPTANCE_DAYS)}).`,
      );
    }
    const approver = this.context.userId;
    if (!approver) throw new InvalidPlanError('A risk is accepted by a person, not a key.');
    return this.db.transaction(async (manager) => {
      const finding = await this.find(manager, findingId);
      const changed = await this.change(manager, finding, {
        kind: 'accepted',
        to: 'accepted',
        text: `Risk accepted until ${until}.`,
      });
      const acceptance = manager.create(RiskAcceptanceEntity, {
        tenantId: finding.tenantId,
        id: randomUUID(),
        findingId: finding.id,
        justification: why,
        approvedBy: approver,
        acceptedAt: this.clock.now(),
        expiresOn: until,
        endedAt: null,
        endReason: null,
      });
      await manager.insert(RiskAcceptanceEntity, acceptance);
      await this.record('finding.risk_accepted', changed, { expiresOn: until });
      await this.tellVendor(manager, changed, 'accepted', `Risk accepted until ${until}.`);
      return acceptance;
    });
  }

  /** Ends an expired acceptance and reopens its finding; false if something else ended it. */
  expire(acceptanceId: string): Promise<boolean> {
    return this.db.transaction(async (manager) => {
      const acceptance = await manager.findOneBy(RiskAcceptanceEntity, {
        tenantId: this.context.tenantId,
        id: acceptanceId,
        endedAt: IsNull(),
      });
      if (!acceptance) return false;
      const finding = await this.find(manager, acceptance.findingId);
      await manager.update(
        RiskAcceptanceEntity,
        { tenantId: acceptance.tenantId, id: acceptance.id },
        { endedAt: this.clock.now(), endReason: 'expired' },
      );
      if (finding.status !== 'accepted') return true;
      const changed = await changeFinding(manager, finding, {
        side: 'customer',
        authorUserId: null,
        kind: 'expired',
        to: 'reopened',
        text: `The risk acceptance expired on ${acceptance.expiresOn}.`,
        at: this.clock.now(),
      });
      await this.record('finding.acceptance_expired', changed, {
        acceptanceId: acceptance.id,
        expiresOn: acceptance.expiresOn,
      });
      await this.tellVendor(manager, changed, 'reopened', 'A risk acceptance expired.');
      return true;
    });
  }

  updates(findingId: string): Promise<FindingUpdateEntity[]> {
    return this.db.transaction(async (manager) => {
      const finding = await this.find(manager, findingId);
      return manager.find(FindingUpdateEntity, {
        where: { tenantId: finding.tenantId, findingId: finding.id },
        order: { seq: 'ASC' },
      });
    });
  }

  /** The histories of many of this customer's findings, in one query: for lists. */
  updatesOf(findingIds: readonly string[]): Promise<FindingUpdateEntity[][]> {
    return this.manyOf(findingIds, (manager, ids) =>
      manager.find(FindingUpdateEntity, {
        where: { tenantId: this.context.tenantId, findingId: In(ids) },
        order: { seq: 'ASC' },
      }),
    );
  }

  /** Risk acceptances of many of this customer's findings, newest first, in one query. */
  acceptancesOf(findingIds: readonly string[]): Promise<RiskAcceptanceEntity[][]> {
    return this.manyOf(findingIds, (manager, ids) =>
      manager.find(RiskAcceptanceEntity, {
        where: { tenantId: this.context.tenantId, findingId: In(ids) },
        order: { acceptedAt: 'DESC', id: 'DESC' },
      }),
    );
  }

  private manyOf<T extends { findingId: string }>(
    findingIds: readonly string[],
    query: (manager: EntityManager, ids: string[]) => Promise<T[]>,
  ): Promise<T[][]> {
    return this.db.transaction(async (manager) => {
      const rows = await query(manager, [...findingIds]);
      return findingIds.map((id) => rows.filter((row) => row.findingId === id));
    });
  }

  private change(
    manager: EntityManager,
    finding: FindingEntity,
    change: Omit<FindingChange, 'side' | 'authorUserId' | 'at'>,
  ): Promise<FindingEntity> {
    return changeFinding(manager, finding, {
      ...change,
      side: 'customer',
      authorUserId: this.context.userId,
      at: this.clock.now(),
    });
  }

  private async endAcceptance(
    manager: EntityManager,
    finding: FindingEntity,
    reason: 'reopened',
  ): Promise<void> {
    await manager.update(
      RiskAcceptanceEntity,
      { tenantId: finding.tenantId, findingId: finding.id, endedAt: IsNull() },
      { endedAt: this.clock.now(), endReason: reason },
    );
  }

  /** The vendor's people hear of the customer's decision, if they work on it in Cascade. */
  private async tellVendor(
    manager: EntityManager,
    finding: FindingEntity,
    decision: 'verified' | 'reopened' | 'accepted',
    note: string | null,
  ): Promise<void> {
    if (!(await isShared(manager, finding))) return;
    const assessment = await manager.findOneByOrFail(AssessmentEntity, {
      tenantId: finding.tenantId,
      id: finding.assessmentId,
    });
    const subject = `${mailSafe(assessment.customerName)} has ${decision === 'accepted' ? 'accepted the risk of' : decision} a finding`;
    for (const to of await respondentEmails(manager, assessment)) {
      await this.outbox.enqueue({
        kind: `finding_${decision}`,
        to,
        subject,
        text: [`${subject}: ${mailSafe(finding.title)}`, ...(note ? [mailSafe(note)] : [])].join(
          '\n',
        ),
      });
    }
  }

  private record(action: string, finding: FindingEntity, summary: Record<string, unknown>) {
    return this.audit.record({
      action,
      objectType: 'finding',
      objectId: finding.id,
      summary: { ...summary, status: finding.status },
    });
  }

  private async find(manager: EntityManager, id: string): Promise<FindingEntity> {
    const found = await manager.findOneBy(FindingEntity, { tenantId: this.context.tenantId, id });
    if (!found) throw new FindingNotFoundError();
    return found;
  }
}
