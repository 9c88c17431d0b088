import { describe, expect, it } from '@jest/globals';
import { addDays, addMonths, ManualClock } from './clock.js';

describe('calendar arithmetic', () => {
  it('adds days across month and year ends', () => {
    expect(addDays('2026-12-30', 3)).toBe('2027-01-02');
    expect(addDays('2026-03-01', -1)).toBe('2026-02-28');
  });

  it('adds months, clamping to the last day of a shorter month', () => {
    expect(addMonths('2026-01-31', 1)).toBe('2026-02-28');
    expect(addMonths('2028-01-31', 1)).toBe('2028-02-29');
    expect(addMonths('2026-08-15', 6)).toBe('2027-02-15');
  });

  it('lets a test move the time', () => {
    const clock = new ManualClock(new Date('2026-05-01T10:00:00Z'));
    clock.advanceDays(2);
    expect(clock.today()).toBe('2026-05-03');
    clock.set('2027-01-01T00:00:00Z');
    expect(clock.now().toISOString()).toBe('2027-01-01T00:00:00.000Z');
  });
});
