import { InvalidRatingBandsError } from './scoring.errors.js';
import { RISK_LEVELS, type RatingBands, type RiskLevel } from './scoring.types.js';

export const DEFAULT_RATING_BANDS: RatingBands = { low: 85, moderate: 70, high: 50 };

/** The rating a failed knockout caps at: the result is never better than this. */
export const KNOCKOUT_CAP: RiskLevel = 'high';

export function checkRatingBands(bands: RatingBands): void {
  const { low, moderate, high } = bands;
  const ordered = 0 <= high && high <= moderate && moderate <= low && low <= 100;
  if (!ordered || ![low, moderate, high].every(Number.isFinite)) {
    throw new InvalidRatingBandsError(bands);
  }
}

/**
 * The band a score falls in. The score is rounded to 6 decimals first, so float noise
 * (84.99999999999999 for an exact 85) never moves a vendor to a worse band.
 */
export function ratingForScore(
  score: number,
  bands: RatingBands = DEFAULT_RATING_BANDS,
): RiskLevel {
  const rounded = Math.round(score * 1e6) / 1e6;
  if (rounded >= bands.low) return 'low';
  if (rounded >= bands.moderate) return 'moderate';
  if (rounded >= bands.high) return 'high';
  return 'critical';
}

export function worseOf(a: RiskLevel, b: RiskLevel): RiskLevel {
  return RISK_LEVELS.indexOf(a) >= RISK_LEVELS.indexOf(b) ? a : b;
}
