import { InvalidInputError } from '@app/common';

/** Narrows a dashboard: vendors by tier or tag, assessments by state, scores by completion date. */
export interface PortfolioFilter {
  readonly tier?: number;
  readonly tag?: string;
  readonly state?: string;
  /** Inclusive, YYYY-MM-DD (UTC). */
  readonly from?: string;
  /** Exclusive, YYYY-MM-DD (UTC). */
  readonly to?: string;
}

/**
 * The filter as named SQL values (with the tenant): every dashboard statement uses the same
 * fragments below, so a filter means the same thing everywhere.
 */
export function filterValues(tenant: string, filter: PortfolioFilter): Record<string, unknown> {
  if (filter.from && filter.to && filter.from >= filter.to) {
    throw new InvalidInputError('DATE_RANGE_INVALID', 'The date range must end after it starts.');
  }
  return {
    tenant,
    tier: filter.tier ?? null,
    tag: filter.tag?.trim().toLowerCase() || null,
    state: filter.state ?? null,
    from: filter.from ?? null,
    to: filter.to ?? null,
  };
}

/** Vendors of the tenant that pass the tier and tag filter. */
export const FILTERED_VENDORS = `
  SELECT id, name, name_key, tier FROM vendors
   WHERE tenant_id = :tenant
     AND (:tier::smallint IS NULL OR tier = :tier::smallint)
     AND (:tag::text IS NULL OR :tag::text = ANY(tags))`;

/** Scores (`s`) completed within the date range. */
export const IN_RANGE = `
  (:from::date IS NULL OR s.completed_at >= :from::date)
  AND (:to::date IS NULL OR s.completed_at < :to::date)`;
