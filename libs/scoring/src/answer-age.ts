import { addMonths } from '@app/common';

const DAY_MS = 24 * 3600 * 1000;

const daysBetween = (from: string, to: string): number =>
  (Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS;

/**
 * How many months lie between `date` and `asOf` (both YYYY-MM-DD): whole calendar months, plus
 * the elapsed share of the next month. So 2026-03-31 is exactly 3 months before 2026-06-30, and
 * a threshold "at most 3 months" means "on or after the same day 3 months back". A date on or
 * after `asOf` is 0 months old.
 */
export function monthsSince(date: string, asOf: string): number {
  if (date >= asOf) return 0;
  const [fromYear, fromMonth] = date.split('-').map(Number);
  const [toYear, toMonth] = asOf.split('-').map(Number);
  let whole = (toYear - fromYear) * 12 + (toMonth - fromMonth);
  while (whole > 0 && addMonths(date, whole) > asOf) whole -= 1;
  const start = addMonths(date, whole);
  const next = addMonths(date, whole + 1);
  return whole + daysBetween(start, asOf) / daysBetween(start, next);
}
