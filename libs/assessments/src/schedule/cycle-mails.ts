import type { MailToSend } from '@app/notifications';
import type { AssessmentEntity } from '../entities/assessment.entity.js';
import { forMail, longDate, oneLine, plural } from './mail-text.js';
import type { Recipient } from './reminder-mails.js';

export interface CycleFacts {
  readonly previous: AssessmentEntity;
  readonly next: AssessmentEntity;
  /** Answers pre-filled from the previous cycle. */
  readonly carried: number;
  readonly months: number;
  readonly publicUrl: string;
}

function prefilled({ previous, next, carried }: CycleFacts): string {
  const completed = previous.completedAt
    ? `, completed on ${longDate(previous.completedAt.toISOString().slice(0, 10))}`
    : '';
  return carried > 0
    ? `${carried} of its ${plural(next.questionIds.length, 'question')} are pre-filled with the answers from the previous assessment${completed}.`
    : `It has ${plural(next.questionIds.length, 'question')}; none could be pre-filled from the previous assessment.`;
}

/** The vendor's respondents: the next cycle was sent to their organization's inbox. */
export function cycleSentMail(facts: CycleFacts, to: string): MailToSend {
  const next = forMail(facts.next);
  const title = oneLine(next.title);
  return {
    kind: 'assessment_cycle_sent',
    to,
    subject: `${oneLine(next.customerName)} has sent you its next assessment: "${title}"`,
    text: [
      'Hello,',
      '',
      `It is time for ${next.vendorName}'s periodic security reassessment by ${next.customerName}: it reassesses its vendors every ${plural(facts.months, 'month')}.`,
      `"${title}" is now in your organization's inbox on Cascade, due on ${longDate(next.dueOn)}.`,
      '',
      `${prefilled(facts)} Check that each one still holds, update what has changed since, answer the rest, and submit.`,
      '',
      `Open your inbox: ${facts.publicUrl}/inbox`,
      '',
      `You receive this because you answered ${next.customerName}'s previous assessment of ${next.vendorName}. If someone else now handles it, please forward this mail to them.`,
    ].join('\n'),
  };
}

/** The customer's owner of the vendor: the next cycle is a draft, to send by hand. */
export function cycleReadyMail(facts: CycleFacts, to: Recipient): MailToSend {
  const next = forMail(facts.next);
  return {
    kind: 'assessment_cycle_ready',
    to: to.email,
    subject: `The next assessment of ${oneLine(next.vendorName)} is ready to send`,
    text: [
      `Hello${to.name ? ` ${oneLine(to.name)}` : ''},`,
      '',
      `${next.vendorName} is due for its periodic reassessment: tier ${next.tier} vendors are reassessed every ${plural(facts.months, 'month')}.`,
      `Cascade has created the draft "${oneLine(next.title)}", due on ${longDate(next.dueOn)}. ${prefilled(facts)}`,
      '',
      `${next.vendorName} is not linked to an organization on Cascade, so the draft was not sent automatically. Review it and send it to the people at ${next.vendorName} who should answer.`,
      `Open the draft: ${facts.publicUrl}/assessments/${next.id}`,
      '',
      `You receive this because you are responsible for ${next.vendorName} at ${next.customerName} on Cascade.`,
    ].join('\n'),
  };
}
