import { mailSafe } from '@app/notifications';
import type { AssessmentEntity } from '../entities/assessment.entity.js';

const WEEKDAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

/**
 * A calendar date as people read it, e.g. "Wednesday 20 March 2030": unambiguous in every
 * country, and spelled out here rather than by ICU, whose output differs between builds.
 */
export function longDate(date: string): string {
  const day = new Date(`${date}T00:00:00Z`);
  return `${WEEKDAYS[day.getUTCDay()]} ${day.getUTCDate()} ${MONTHS[day.getUTCMonth()]} ${day.getUTCFullYear()}`;
}

/** "today", "tomorrow", "in 5 days". */
export function inDays(days: number): string {
  if (days === 0) return 'today';
  if (days === 1) return 'tomorrow';
  return `in ${days} days`;
}

export function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}

/** Names and titles are people's text: one line, and never a link (see mailSafe). */
export function oneLine(text: string): string {
  return mailSafe(text);
}

/** An assessment's people-chosen names and title, made safe to put in a mail. */
export function forMail<T extends Pick<AssessmentEntity, 'customerName' | 'vendorName' | 'title'>>(
  assessment: T,
): T {
  return {
    ...assessment,
    customerName: mailSafe(assessment.customerName),
    vendorName: mailSafe(assessment.vendorName),
    title: mailSafe(assessment.title),
  };
}
