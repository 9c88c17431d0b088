import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { criticalityTier, type Intake, INTAKE_SCALES } from './criticality.js';

const intake = (d: number, p: number, b: number, s: number): Intake => ({
  dataAccess: INTAKE_SCALES.dataAccess[d],
  privilegedAccess: INTAKE_SCALES.privilegedAccess[p],
  businessImpact: INTAKE_SCALES.businessImpact[b],
  substitutability: INTAKE_SCALES.substitutability[s],
});

describe('criticality tier from the intake', () => {
  it.each([
    [intake(0, 0, 0, 0), 4],
    [intake(1, 1, 1, 0), 3],
    [intake(2, 1, 2, 1), 2],
    [intake(3, 2, 3, 1), 1],
    [intake(3, 3, 3, 3), 1],
    [intake(0, 3, 0, 0), 2],
  ])('%j → tier %i', (answers, tier) => {
    expect(criticalityTier(answers)).toBe(tier);
  });

  it('never makes a vendor less critical when any answer gets worse', () => {
    const level = fc.integer({ min: 0, max: 3 });
    fc.assert(
      fc.property(
        level,
        level,
        level,
        level,
        fc.integer({ min: 0, max: 3 }),
        (d, p, b, s, which) => {
          const levels = [d, p, b, s];
          const worse = [...levels];
          worse[which] = Math.min(3, worse[which] + 1);
          const [d2, p2, b2, s2] = worse as [number, number, number, number];
          expect(criticalityTier(intake(d2, p2, b2, s2))).toBeLessThanOrEqual(
            criticalityTier(intake(d, p, b, s)),
          );
        },
      ),
      { numRuns: 300, seed: 7 },
    );
  });
});
