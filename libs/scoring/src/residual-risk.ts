import type { CriticalityTier, ResidualMatrix, RiskLevel } from './scoring.types.js';

/**
 * Residual risk = how much the vendor could hurt us (tier) × how well it is protected (rating).
 * Never better for a more critical tier or a worse rating. A tier-1 vendor (e.g. domain-wide
 * admin access) stays at least moderate even when rated low, since one compromise there reaches
 * everything; a tier-4 vendor rated critical is moderate, since it can reach little.
 *
 *            rating:  low       moderate  high      critical
 *   tier 1            moderate  high      critical  critical
 *   tier 2            low       moderate  high      critical
 *   tier 3            low       moderate  moderate  high
 *   tier 4            low       low       moderate  moderate
 */
export const DEFAULT_RESIDUAL_MATRIX: ResidualMatrix = {
  1: { low: 'moderate', moderate: 'high', high: 'critical', critical: 'critical' },
  2: { low: 'low', moderate: 'moderate', high: 'high', critical: 'critical' },
  3: { low: 'low', moderate: 'moderate', high: 'moderate', critical: 'high' },
  4: { low: 'low', moderate: 'low', high: 'moderate', critical: 'moderate' },
};

export function residualRisk(
  tier: CriticalityTier,
  rating: RiskLevel,
  matrix: ResidualMatrix = DEFAULT_RESIDUAL_MATRIX,
): RiskLevel {
  return matrix[tier][rating];
}
