import { RequestContext } from '@app/common';
import { APP_CONFIG, type AppConfig } from '@app/config';
import { TenantDatabase } from '@app/database';
import { defineJob, JobQueue } from '@app/jobs';
import { mailSafe, OutboxService } from '@app/notifications';
import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import { AssessmentEntity } from '../entities/assessment.entity.js';
import { FindingEntity } from '../entities/finding.entity.js';
import { customerContact } from './customer-contacts.js';

export type FindingEvent = 'vendor_update' | 'resolved';

/**
 * Tells a customer that its vendor moved one of its findings. Like NOTIFY_CUSTOMER, the MSP's
 * transaction only enqueues this for the customer's tenant, one job per finding, so each mail
 * is written in (and speaks of) one customer's data only.
 */
export const NOTIFY_FINDING = defineJob<{ findingId: string; event: FindingEvent }>(
  'remediation.notify-customer',
);

@Injectable()
export class NotifyFindingJob implements OnModuleInit {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly queue: JobQueue,
    private readonly db: TenantDatabase,
    private readonly context: RequestContext,
    private readonly outbox: OutboxService,
  ) {}

  onModuleInit(): void {
    this.queue.register(NOTIFY_FINDING, ({ findingId, event }) => this.notify(findingId, event));
  }

  notify(findingId: string, event: FindingEvent): Promise<void> {
    return this.db.transaction(async (manager) => {
      const finding = await manager.findOneBy(FindingEntity, {
        tenantId: this.context.tenantId,
        id: findingId,
      });
      const assessment =
        finding &&
        (await manager.findOneBy(AssessmentEntity, {
          tenantId: finding.tenantId,
          id: finding.assessmentId,
        }));
      if (!finding || !assessment) return;
      const contact = await customerContact(manager, assessment);
      if (!contact) return;
      const subject =
        event === 'resolved'
          ? `${mailSafe(assessment.vendorName)} reports a finding fixed: please verify`
          : `${mailSafe(assessment.vendorName)} has updated a finding`;
      await this.outbox.enqueue({
        kind: `finding_${event}`,
        to: contact.email,
        subject,
        text: [
          `${subject}.`,
          `Finding: ${mailSafe(finding.title)}`,
          `Status: ${finding.status.replace('_', ' ')}`,
          `${this.config.publicUrl}/findings/${finding.id}`,
        ].join('\n'),
      });
    });
  }
}
