import { describe, expect, it } from '@jest/globals';
import { DEFAULT_RESIDUAL_MATRIX, residualRisk } from './residual-risk.js';
import { checkRatingBands, ratingForScore, worseOf } from './risk-rating.js';
import { InvalidRatingBandsError } from './scoring.errors.js';
import { type CriticalityTier, RISK_LEVELS } from './scoring.types.js';

describe('rating bands', () => {
  it('rates ≥85 low, ≥70 moderate, ≥50 high, else critical by default', () => {
    expect([100, 85, 84.9, 70, 69.9, 50, 49.9, 0].map((s) => ratingForScore(s))).toEqual([
      'low',
      'low',
      'moderate',
      'moderate',
      'high',
      'high',
      'critical',
      'critical',
    ]);
  });

  it('does not let float noise below a band edge change the band', () => {
    expect(ratingForScore(84.99999999999999)).toBe('low');
  });

  it('takes configured bands, and refuses unordered or out-of-range ones', () => {
    expect(ratingForScore(80, { low: 80, moderate: 60, high: 40 })).toBe('low');
    expect(() => checkRatingBands({ low: 60, moderate: 70, high: 50 })).toThrow(
      InvalidRatingBandsError,
    );
    expect(() => checkRatingBands({ low: 101, moderate: 70, high: 50 })).toThrow(
      InvalidRatingBandsError,
    );
    expect(() => checkRatingBands({ low: 85, moderate: 70, high: Number.NaN })).toThrow(
      InvalidRatingBandsError,
    );
  });

  it('picks the worse of two levels', () => {
    expect(worseOf('low', 'high')).toBe('high');
    expect(worseOf('critical', 'high')).toBe('critical');
  });
});

describe('residual risk', () => {
  const tiers: CriticalityTier[] = [1, 2, 3, 4];

  it('follows the documented default at the corners', () => {
    expect(residualRisk(1, 'critical')).toBe('critical');
    expect(residualRisk(1, 'low')).toBe('moderate');
    expect(residualRisk(4, 'low')).toBe('low');
    expect(residualRisk(4, 'critical')).toBe('moderate');
  });

  it('is never better for a worse rating or a more critical tier (default matrix)', () => {
    for (const tier of tiers) {
      const row = RISK_LEVELS.map((rating) =>
        RISK_LEVELS.indexOf(DEFAULT_RESIDUAL_MATRIX[tier][rating]),
      );
      expect(row).toEqual([...row].sort((a, b) => a - b));
    }
    for (const rating of RISK_LEVELS) {
      const column = tiers.map((tier) =>
        RISK_LEVELS.indexOf(DEFAULT_RESIDUAL_MATRIX[tier][rating]),
      );
      expect(column).toEqual([...column].sort((a, b) => b - a));
    }
  });

  it('uses a configured matrix', () => {
    const strict = {
      ...DEFAULT_RESIDUAL_MATRIX,
      4: { ...DEFAULT_RESIDUAL_MATRIX[4], low: 'moderate' as const },
    };
    expect(residualRisk(4, 'low', strict)).toBe('moderate');
  });
});
