import { RequestContext } from '@app/common';
import { TenantDatabase } from '@app/database';
import { defineJob, JobQueue } from '@app/jobs';
import { mailSafe, OutboxService } from '@app/notifications';
import { Injectable, type OnModuleInit } from '@nestjs/common';
import { AssessmentEntity } from '../entities/assessment.entity.js';
import { customerContact } from './customer-contacts.js';

export type CustomerEvent = 'started' | 'submitted';

/**
 * Tells the customer what its vendor did. The MSP cannot read the customer's people, so its
 * transaction only enqueues this job for the customer's tenant; the job writes the mail there.
 */
export const NOTIFY_CUSTOMER = defineJob<{ assessmentId: string; event: CustomerEvent }>(
  'assessments.notify-customer',
);

const SUBJECTS: Record<CustomerEvent, (vendor: string) => string> = {
  started: (vendor) => `${vendor} has started your assessment`,
  submitted: (vendor) => `${vendor} has submitted your assessment for review`,
};

@Injectable()
export class NotifyCustomerJob implements OnModuleInit {
  constructor(
    private readonly queue: JobQueue,
    private readonly db: TenantDatabase,
    private readonly context: RequestContext,
    private readonly outbox: OutboxService,
  ) {}

  onModuleInit(): void {
    this.queue.register(NOTIFY_CUSTOMER, ({ assessmentId, event }) =>
      this.notify(assessmentId, event),
    );
  }

  notify(assessmentId: string, event: CustomerEvent): Promise<void> {
    return this.db.transaction(async (manager) => {
      const assessment = await manager.findOneBy(AssessmentEntity, {
        tenantId: this.context.tenantId,
        id: assessmentId,
      });
      if (!assessment) return;
      const contact = await customerContact(manager, assessment);
      if (!contact) return;
      await this.outbox.enqueue({
        kind: `assessment_${event}`,
        to: contact.email,
        subject: SUBJECTS[event](mailSafe(assessment.vendorName)),
        text: [
          `${SUBJECTS[event](mailSafe(assessment.vendorName))}: "${mailSafe(assessment.title)}".`,
          `It is due on ${assessment.dueOn}.`,
        ].join('\n'),
      });
    });
  }
}
