import { AuditTrailService } from '@app/audit';
import { addDays, Clock, RequestContext } from '@app/common';
import { APP_CONFIG, type AppConfig } from '@app/config';
import { TenantDatabase } from '@app/database';
import { type MailToSend, OutboxService } from '@app/notifications';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { In, LessThanOrEqual, type EntityManager } from 'typeorm';
import type { ReminderKind } from '../entities/assessment-reminder.entity.js';
import { AssessmentEntity } from '../entities/assessment.entity.js';
import { ANSWERABLE } from '../lifecycle/assessment-states.js';
import { customerContact } from '../notifications/customer-contacts.js';
import { dueSoonMail, escalationMail, overdueMail } from './reminder-mails.js';
import { DUE_SOON_DAYS, remindersDue } from './reminder-schedule.js';
import { respondentEmails } from './respondent-emails.js';
import { type StepResult, sweepEach } from './sweep-report.js';

/**
 * Reminds about assessments the vendor still owes (sent, in progress, or sent back): respondents
 * a week before the due date and once it has passed, the customer's owner of the vendor a week
 * after. Each (assessment, kind, due date) is reminded at most once: its row in
 * `assessment_reminders` and its mail commit in one transaction, or neither does.
 */
@Injectable()
export class ReminderSweep {
  private readonly logger = new Logger(ReminderSweep.name);

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly db: TenantDatabase,
    private readonly context: RequestContext,
    private readonly audit: AuditTrailService,
    private readonly outbox: OutboxService,
    private readonly clock: Clock,
  ) {}

  /** Sends the reminders the current tenant's assessments call for on `today`. */
  async run(today: string): Promise<StepResult> {
    const due = await this.db.transaction((manager) =>
      manager.find(AssessmentEntity, {
        where: {
          tenantId: this.context.tenantId,
          state: In([...ANSWERABLE]),
          dueOn: LessThanOrEqual(addDays(today, DUE_SOON_DAYS)),
        },
        select: { tenantId: true, id: true },
        order: { dueOn: 'ASC', id: 'ASC' },
      }),
    );
    return sweepEach(
      'reminder',
      due.map((a) => a.id),
      this.logger,
      (id) => this.remind(id, today),
    );
  }

  private remind(id: string, today: string): Promise<number> {
    return this.db.transaction(async (manager) => {
      // Read again inside the transaction: the vendor may have submitted since the list was made.
      const assessment = await manager.findOneBy(AssessmentEntity, {
        tenantId: this.context.tenantId,
        id,
      });
      if (!assessment || !ANSWERABLE.includes(assessment.state)) return 0;
      let sent = 0;
      for (const kind of remindersDue(assessment.dueOn, today)) {
        const mails = await this.mailsFor(manager, assessment, kind, today);
        // Nobody to tell: leave it unclaimed, so a respondent added later still hears.
        if (mails.length === 0) continue;
        if (!(await this.claim(manager, assessment, kind, mails.length))) continue;
        for (const mail of mails) await this.outbox.enqueue(mail);
        await this.audit.record({
          action: 'assessment.reminder_sent',
          objectType: 'assessment',
          objectId: assessment.id,
          summary: { kind, dueOn: assessment.dueOn, recipients: mails.length },
        });
        sent++;
      }
      return sent;
    });
  }

  /**
   * Records the reminder; false when an earlier run (or one racing this one, which waits on the
   * key) already did, in which case nothing is sent.
   */
  private async claim(
    manager: EntityManager,
    assessment: AssessmentEntity,
    kind: ReminderKind,
    recipients: number,
  ): Promise<boolean> {
    const rows = await manager.query<{ kind: string }[]>(
      `INSERT INTO assessment_reminders (tenant_id, assessment_id, kind, due_on, sent_at, recipients)
       VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT DO NOTHING
       RETURNING kind`,
      [assessment.tenantId, assessment.id, kind, assessment.dueOn, this.clock.now(), recipients],
    );
    return rows.length === 1;
  }

  private async mailsFor(
    manager: EntityManager,
    assessment: AssessmentEntity,
    kind: ReminderKind,
    today: string,
  ): Promise<MailToSend[]> {
    const url = this.config.publicUrl;
    const respondents = await respondentEmails(manager, assessment);
    if (kind === 'due_soon')
      return respondents.map((to) => dueSoonMail(assessment, today, url, to));
    if (kind === 'overdue') return respondents.map((to) => overdueMail(assessment, today, url, to));
    const contact = await customerContact(manager, assessment);
    if (!contact) return [];
    const to = { email: contact.email, name: contact.displayName };
    return [escalationMail(assessment, today, url, to, respondents)];
  }
}
