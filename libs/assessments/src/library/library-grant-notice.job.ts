import { RequestContext } from '@app/common';
import { TenantDatabase } from '@app/database';
import { defineJob, JobQueue } from '@app/jobs';
import { mailSafe, OutboxService } from '@app/notifications';
import { Injectable, type OnModuleInit } from '@nestjs/common';
import { AssessmentEntity } from '../entities/assessment.entity.js';
import { customerContact } from '../notifications/customer-contacts.js';

export type LibraryGrantEvent = 'granted' | 'revoked';

/**
 * Tells the customer that its MSP shared (or stopped sharing) its answer library. The MSP cannot
 * read the customer's people, so it enqueues this job for the customer's tenant, naming the
 * assessment the grant was given from; the job writes the mail there.
 */
export const NOTIFY_LIBRARY_GRANT = defineJob<{
  assessmentId: string;
  event: LibraryGrantEvent;
  expiresAt: string;
}>('assessments.notify-library-grant');

@Injectable()
export class LibraryGrantNoticeJob implements OnModuleInit {
  constructor(
    private readonly queue: JobQueue,
    private readonly db: TenantDatabase,
    private readonly context: RequestContext,
    private readonly outbox: OutboxService,
  ) {}

  onModuleInit(): void {
    this.queue.register(NOTIFY_LIBRARY_GRANT, ({ assessmentId, event, expiresAt }) =>
      this.notify(assessmentId, event, expiresAt),
    );
  }

  notify(assessmentId: string, event: LibraryGrantEvent, expiresAt: string): Promise<void> {
    return this.db.transaction(async (manager) => {
      const assessment = await manager.findOneBy(AssessmentEntity, {
        tenantId: this.context.tenantId,
        id: assessmentId,
      });
      if (!assessment) return;
      const contact = await customerContact(manager, assessment);
      if (!contact) return;
      const vendor = mailSafe(assessment.vendorName);
      const subject =
        event === 'granted'
          ? `${vendor} may now prefill your assessments from its answer library`
          : `${vendor} no longer prefills your assessments from its answer library`;
      await this.outbox.enqueue({
        kind: `library_${event}`,
        to: contact.email,
        subject,
        text: [
          `${subject}.`,
          event === 'granted'
            ? `Its respondents confirm each prefilled answer; the grant ends on ${expiresAt.slice(0, 10)} unless renewed.`
            : 'Answers already given stay as they are.',
        ].join('\n'),
      });
    });
  }
}
