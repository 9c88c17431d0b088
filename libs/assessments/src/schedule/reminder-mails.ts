import type { MailToSend } from '@app/notifications';
import type { AssessmentEntity } from '../entities/assessment.entity.js';
import { forMail, longDate, inDays, oneLine, plural } from './mail-text.js';
import { daysBetween } from './reminder-schedule.js';

export interface Recipient {
  readonly email: string;
  readonly name?: string;
}

/** Where the assessment stands, as the vendor's respondents would say it. */
function standing(assessment: AssessmentEntity): string {
  return assessment.state === 'changes_requested'
    ? `${assessment.customerName} reviewed your answers and sent the assessment back for changes; it is waiting for your corrections.`
    : 'It has not been submitted yet.';
}

const footer = (assessment: AssessmentEntity) =>
  `You receive this because you were asked to answer this assessment for ${assessment.vendorName}. If someone else now handles it, please forward this mail to them.`;

/** The vendor's respondents: the due date is a week away or less. */
export function dueSoonMail(
  stored: AssessmentEntity,
  today: string,
  publicUrl: string,
  to: string,
): MailToSend {
  const assessment = forMail(stored);
  const when = inDays(daysBetween(today, assessment.dueOn));
  const title = oneLine(assessment.title);
  return {
    kind: 'assessment_reminder_due_soon',
    to,
    subject: `Reminder: "${title}" for ${oneLine(assessment.customerName)} is due ${when}`,
    text: [
      'Hello,',
      '',
      `${assessment.customerName} is waiting for ${assessment.vendorName}'s answers to the security assessment "${title}".`,
      `It is due on ${longDate(assessment.dueOn)}, ${when}. ${standing(assessment)}`,
      '',
      `Sign in to Cascade and open your organization's inbox to continue where you left off: ${publicUrl}/inbox`,
      '',
      footer(assessment),
    ].join('\n'),
  };
}

/** The vendor's respondents: the due date has passed. */
export function overdueMail(
  stored: AssessmentEntity,
  today: string,
  publicUrl: string,
  to: string,
): MailToSend {
  const assessment = forMail(stored);
  const late = plural(daysBetween(assessment.dueOn, today), 'day');
  const title = oneLine(assessment.title);
  return {
    kind: 'assessment_reminder_overdue',
    to,
    subject: `Overdue: "${title}" for ${oneLine(assessment.customerName)} was due ${late} ago`,
    text: [
      'Hello,',
      '',
      `The security assessment "${title}", which ${assessment.customerName} sent to ${assessment.vendorName}, was due on ${longDate(assessment.dueOn)}: it is now ${late} overdue.`,
      standing(assessment),
      '',
      `Please complete and submit it as soon as you can: ${publicUrl}/inbox`,
      `If you need more time, tell your contact at ${assessment.customerName}.`,
      '',
      footer(assessment),
    ].join('\n'),
  };
}

const STANDING_FOR_CUSTOMER: Partial<Record<AssessmentEntity['state'], string>> = {
  sent: 'The vendor has not started answering it.',
  in_progress: 'The vendor has started answering but has not submitted it.',
  changes_requested: 'It was sent back for changes, and the vendor has not resubmitted it.',
};

/** The customer's owner of the vendor: the vendor is a week or more late. */
export function escalationMail(
  stored: AssessmentEntity,
  today: string,
  publicUrl: string,
  to: Recipient,
  respondents: readonly string[],
): MailToSend {
  const assessment = forMail(stored);
  const late = plural(daysBetween(assessment.dueOn, today), 'day');
  const title = oneLine(assessment.title);
  const reminded =
    respondents.length > 0
      ? `Cascade has reminded the vendor's respondents (${respondents.join(', ')}).`
      : 'Cascade has no respondent address to remind for this assessment.';
  return {
    kind: 'assessment_reminder_escalation',
    to: to.email,
    subject: `${oneLine(assessment.vendorName)} is ${late} late with "${title}"`,
    text: [
      `Hello${to.name ? ` ${oneLine(to.name)}` : ''},`,
      '',
      `${assessment.vendorName} has not submitted the security assessment "${title}", which was due on ${longDate(assessment.dueOn)}, ${late} ago.`,
      STANDING_FOR_CUSTOMER[assessment.state] ?? '',
      reminded,
      '',
      'You may want to contact the vendor directly, or cancel the assessment if it is no longer needed.',
      `Open the assessment: ${publicUrl}/assessments/${assessment.id}`,
      '',
      `You receive this because you are responsible for ${assessment.vendorName} at ${assessment.customerName} on Cascade.`,
    ].join('\n'),
  };
}
