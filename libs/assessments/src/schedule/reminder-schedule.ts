import { addDays } from '@app/common';
import type { ReminderKind } from '../entities/assessment-reminder.entity.js';

/** How long before the due date respondents hear that it is coming. */
export const DUE_SOON_DAYS = 7;
/** How long past the due date the customer's owner of the vendor is told. */
export const ESCALATE_AFTER_DAYS = 7;

/**
 * The reminders an assessment due on `dueOn` calls for on `today` (both YYYY-MM-DD, which compare
 * as text). A run that missed days still finds what is owed: each kind's window stays open.
 */
export function remindersDue(dueOn: string, today: string): ReminderKind[] {
  const kinds: ReminderKind[] = [];
  if (today >= addDays(dueOn, -DUE_SOON_DAYS) && today <= dueOn) kinds.push('due_soon');
  if (today > dueOn) kinds.push('overdue');
  if (today >= addDays(dueOn, ESCALATE_AFTER_DAYS)) kinds.push('escalation');
  return kinds;
}

/** Whole days from `from` to `to`, negative when `to` is earlier. */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}
