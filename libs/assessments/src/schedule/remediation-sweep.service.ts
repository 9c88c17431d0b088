import { AuditTrailService } from '@app/audit';
import { RequestContext } from '@app/common';
import { APP_CONFIG, type AppConfig } from '@app/config';
import { TenantDatabase } from '@app/database';
import { UserEntity } from '@app/identity';
import { OutboxService } from '@app/notifications';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { type EntityManager, type FindOptionsWhere, In, IsNull, LessThan } from 'typeorm';
import { AssessmentEntity } from '../entities/assessment.entity.js';
import { FindingEntity } from '../entities/finding.entity.js';
import { RemediationItemEntity } from '../entities/remediation-item.entity.js';
import { RiskAcceptanceEntity } from '../entities/risk-acceptance.entity.js';
import { customerContact } from '../notifications/customer-contacts.js';
import { CustomerRemediationService } from '../remediation/customer-remediation.service.js';
import { type StepResult, sweepEach } from './sweep-report.js';

/** Plans still running; a resolved, verified or accepted finding has nothing overdue. */
const RUNNING = ['planned', 'in_progress'];

/**
 * The daily remediation work of one tenant: acceptances that ran out reopen their findings, and
 * the owners of overdue plans hear about it, once per due date (the claim and the mail commit
 * together, as reminders do).
 */
@Injectable()
export class RemediationSweep {
  private readonly logger = new Logger(RemediationSweep.name);

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly db: TenantDatabase,
    private readonly context: RequestContext,
    private readonly audit: AuditTrailService,
    private readonly outbox: OutboxService,
    private readonly remediation: CustomerRemediationService,
  ) {}

  /** Acceptances whose last day was before `today`. */
  async expireAcceptances(today: string): Promise<StepResult> {
    const expired = await this.db.transaction((manager) =>
      manager.find(RiskAcceptanceEntity, {
        where: { tenantId: this.context.tenantId, endedAt: IsNull(), expiresOn: LessThan(today) },
        select: { tenantId: true, id: true },
        order: { expiresOn: 'ASC', id: 'ASC' },
      }),
    );
    return sweepEach(
      'acceptance_expiry',
      expired.map((a) => a.id),
      this.logger,
      async (id) => ((await this.remediation.expire(id)) ? 1 : 0),
    );
  }

  /** The customer's contact for each finding whose plan is past its due date. */
  async remindOverdueFindings(today: string): Promise<StepResult> {
    const overdue = await this.db.transaction((manager) =>
      manager.find(FindingEntity, {
        where: {
          tenantId: this.context.tenantId,
          status: In(RUNNING),
          planDueOn: LessThan(today),
        },
        select: { tenantId: true, id: true },
        order: { planDueOn: 'ASC', id: 'ASC' },
      }),
    );
    return sweepEach(
      'finding_overdue',
      overdue.map((f) => f.id),
      this.logger,
      (id) =>
        this.db.transaction(async (manager) => {
          const finding = await this.claim(manager, FindingEntity, 'status', 'plan_due_on', id);
          if (!finding) return 0;
          const assessment = await manager.findOneByOrFail(AssessmentEntity, {
            tenantId: finding.tenantId,
            id: finding.assessmentId,
          });
          const contact = await customerContact(manager, assessment);
          if (contact) {
            await this.outbox.enqueue({
              kind: 'finding_overdue',
              to: contact.email,
              subject: `Remediation overdue at ${assessment.vendorName}: ${finding.title.slice(0, 80)}`,
              text: [
                `The plan to fix this finding was due on ${finding.planDueOn}.`,
                `Finding: ${finding.title}`,
                `Owner: ${finding.planOwner ?? 'not named'}`,
                `${this.config.publicUrl}/findings/${finding.id}`,
              ].join('\n'),
            });
          }
          await this.audit.record({
            action: 'finding.overdue_reminded',
            objectType: 'finding',
            objectId: finding.id,
            summary: { dueOn: finding.planDueOn, mailed: contact !== null },
          });
          return 1;
        }),
    );
  }

  /** The owner of each of this MSP's items that is past its due date. */
  async remindOverdueItems(today: string): Promise<StepResult> {
    const overdue = await this.db.transaction((manager) =>
      manager.find(RemediationItemEntity, {
        where: { tenantId: this.context.tenantId, state: In(RUNNING), dueOn: LessThan(today) },
        select: { tenantId: true, id: true },
        order: { dueOn: 'ASC', id: 'ASC' },
      }),
    );
    return sweepEach(
      'remediation_overdue',
      overdue.map((i) => i.id),
      this.logger,
      (id) =>
        this.db.transaction(async (manager) => {
          const item = await this.claim(manager, RemediationItemEntity, 'state', 'due_on', id);
          if (!item) return 0;
          const owner = await manager.findOne(UserEntity, {
            where: { id: item.ownerUserId },
            select: { id: true, email: true },
          });
          if (owner) {
            await this.outbox.enqueue({
              kind: 'remediation_overdue',
              to: owner.email,
              subject: `Remediation overdue: ${item.title}`,
              text: [
                `"${item.title}" was due on ${item.dueOn} and is not resolved.`,
                `${this.config.publicUrl}/remediation/${item.id}`,
              ].join('\n'),
            });
          }
          await this.audit.record({
            action: 'remediation.overdue_reminded',
            objectType: 'remediation_item',
            objectId: item.id,
            summary: { dueOn: item.dueOn, mailed: owner !== null },
          });
          return 1;
        }),
    );
  }

  /**
   * Marks the row reminded for its current due date if it is still running and not reminded
   * for that date yet; the row, or null if there is nothing (more) to remind.
   */
  private async claim<T extends FindingEntity | RemediationItemEntity>(
    manager: EntityManager,
    entity: new () => T,
    stateColumn: 'status' | 'state',
    dueColumn: 'plan_due_on' | 'due_on',
    id: string,
  ): Promise<T | null> {
    const table = manager.getRepository(entity).metadata.tableName;
    const [rows] = await manager.query<[{ id: string }[], number]>(
      `UPDATE ${table} SET overdue_reminded_for = ${dueColumn}
        WHERE tenant_id = $1 AND id = $2 AND ${stateColumn} = ANY ($3)
          AND overdue_reminded_for IS DISTINCT FROM ${dueColumn}
        RETURNING id`,
      [this.context.tenantId, id, RUNNING],
    );
    if (rows.length === 0) return null;
    const key = { tenantId: this.context.tenantId, id } as FindOptionsWhere<T>;
    return manager.findOneBy(entity, key);
  }
}
