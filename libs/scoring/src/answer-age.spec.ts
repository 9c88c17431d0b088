import { describe, expect, it } from '@jest/globals';
import { monthsSince } from './answer-age.js';

describe('monthsSince', () => {
  it('counts whole calendar months exactly', () => {
    expect(monthsSince('2026-03-30', '2026-06-30')).toBe(3);
    expect(monthsSince('2025-06-30', '2026-06-30')).toBe(12);
  });

  it('adds the elapsed share of the next month', () => {
    expect(monthsSince('2026-03-29', '2026-06-30')).toBeCloseTo(3 + 1 / 30, 12); // 29 Jun to 29 Jul is 30 days;
    expect(monthsSince('2026-06-15', '2026-06-30')).toBeCloseTo(15 / 30, 12);
  });

  it('clamps month ends (31 Jan + 1 month is 29 Feb in a leap year)', () => {
    expect(monthsSince('2024-01-31', '2024-02-29')).toBe(1);
    expect(monthsSince('2024-01-31', '2024-02-28')).toBeCloseTo(28 / 29, 12);
  });

  it('makes a date on or after asOf 0 months old', () => {
    expect(monthsSince('2026-06-30', '2026-06-30')).toBe(0);
    expect(monthsSince('2026-07-15', '2026-06-30')).toBe(0);
  });

  it('never makes an earlier date younger', () => {
    const asOf = '2024-03-01';
    let previous = -1;
    for (let day = 0; day <= 800; day++) {
      const date = new Date(Date.UTC(2024, 2, 1) - day * 86_400_000).toISOString().slice(0, 10);
      const age = monthsSince(date, asOf);
      expect(age).toBeGreaterThanOrEqual(previous);
      previous = age;
    }
  });
});
