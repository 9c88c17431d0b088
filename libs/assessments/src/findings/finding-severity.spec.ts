import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { FINDING_SEVERITIES } from '../entities/finding.entity.js';
import { findingSeverity } from './finding-severity.js';

const rank = (s: string) => FINDING_SEVERITIES.indexOf(s as (typeof FINDING_SEVERITIES)[number]);
const tier = fc.constantFrom(1 as const, 2 as const, 3 as const, 4 as const);

describe('finding severity', () => {
  it('reads the table', () => {
    expect(findingSeverity(5, true, 1)).toBe('critical');
    expect(findingSeverity(5, true, 3)).toBe('high');
    expect(findingSeverity(4, false, 2)).toBe('high');
    expect(findingSeverity(3, false, 4)).toBe('medium');
    expect(findingSeverity(1, false, 2)).toBe('medium');
    expect(findingSeverity(2, false, 4)).toBe('low');
  });

  it('never gets milder with more weight, a knockout, or a more critical tier', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 5 }), fc.boolean(), tier, (weight, knockout, t) => {
        const base = rank(findingSeverity(weight, knockout, t));
        expect(rank(findingSeverity(Math.min(weight + 1, 5), knockout, t))).toBeGreaterThanOrEqual(
          base,
        );
        expect(rank(findingSeverity(weight, true, t))).toBeGreaterThanOrEqual(base);
        if (t > 1) {
          expect(
            rank(findingSeverity(weight, knockout, (t - 1) as 1 | 2 | 3)),
          ).toBeGreaterThanOrEqual(base);
        }
      }),
    );
  });
});
