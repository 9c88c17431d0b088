import type { FindingSeverity } from '../entities/finding.entity.js';
import type { Tier } from '../scope/tier-scope.js';

/**
 * How bad a gap is, from what the question weighs, whether it is a knockout, and how critical
 * the vendor is. A heavier question, a knockout or a more critical tier never makes it milder.
 *
 *   critical  knockout, at a tier 1 or 2 vendor
 *   high      any other knockout, or weight ≥ 4 at a tier 1 or 2 vendor
 *   medium    weight ≥ 3, or any gap at a tier 1 or 2 vendor
 *   low       everything else
 */
export function findingSeverity(weight: number, knockout: boolean, tier: Tier): FindingSeverity {
  const critical = tier <= 2;
  if (knockout && critical) return 'critical';
  if (knockout || (weight >= 4 && critical)) return 'high';
  if (weight >= 3 || critical) return 'medium';
  return 'low';
}
