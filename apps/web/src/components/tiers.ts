/** A vendor's criticality tier as people say it: 1 is the most critical. */
export const TIER_NAMES: Readonly<Record<number, string>> = {
  1: 'Critical',
  2: 'High',
  3: 'Moderate',
  4: 'Low',
};

export const tierLabel = (tier: number): string => `${tier} · ${TIER_NAMES[tier] ?? 'Unknown'}`;
