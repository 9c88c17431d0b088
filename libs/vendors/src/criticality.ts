/** The inherent-risk intake: how much a vendor could hurt the customer if it were compromised. */
export const INTAKE_SCALES = {
  dataAccess: ['none', 'internal', 'confidential', 'regulated'],
  privilegedAccess: ['none', 'limited', 'administrative', 'domain_wide'],
  businessImpact: ['low', 'moderate', 'high', 'critical'],
  substitutability: ['easy', 'moderate', 'hard', 'irreplaceable'],
} as const;

export type Intake = {
  readonly [K in keyof typeof INTAKE_SCALES]: (typeof INTAKE_SCALES)[K][number];
};

/** 1 is the most critical vendor, 4 the least. */
export type Tier = 1 | 2 | 3 | 4;

const level = <K extends keyof typeof INTAKE_SCALES>(key: K, value: Intake[K]) =>
  (INTAKE_SCALES[key] as readonly string[]).indexOf(value);

/**
 * The tier an intake implies. Points 0–3 per answer, summed (0–12): 9 or more is tier 1, 6 or
 * more tier 2, 3 or more tier 3. Domain-wide privileged access alone, the advisory's cascade
 * scenario, makes a vendor at least tier 2 whatever the rest says.
 */
export function criticalityTier(intake: Intake): Tier {
  const points =
    level('dataAccess', intake.dataAccess) +
    level('privilegedAccess', intake.privilegedAccess) +
    level('businessImpact', intake.businessImpact) +
    level('substitutability', intake.substitutability);
  const tier: Tier = points >= 9 ? 1 : points >= 6 ? 2 : points >= 3 ? 3 : 4;
  return intake.privilegedAccess === 'domain_wide' && tier > 2 ? 2 : tier;
}
