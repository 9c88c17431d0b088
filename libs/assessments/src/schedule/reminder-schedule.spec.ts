import { describe, expect, it } from '@jest/globals';
import { daysBetween, remindersDue } from './reminder-schedule.js';

const DUE = '2030-03-10';

describe('remindersDue', () => {
  it.each([
    ['2030-03-02', []],
    ['2030-03-03', ['due_soon']],
    ['2030-03-10', ['due_soon']],
    ['2030-03-11', ['overdue']],
    ['2030-03-16', ['overdue']],
    ['2030-03-17', ['overdue', 'escalation']],
    ['2030-05-01', ['overdue', 'escalation']],
  ])('on %s asks for %j', (today, kinds) => {
    expect(remindersDue(DUE, today)).toEqual(kinds);
  });

  it('counts across month and year ends', () => {
    expect(remindersDue('2031-01-03', '2030-12-27')).toEqual(['due_soon']);
    expect(remindersDue('2030-02-28', '2030-03-07')).toEqual(['overdue', 'escalation']);
  });
});

describe('daysBetween', () => {
  it('counts calendar days either way, across a leap day', () => {
    expect(daysBetween('2028-02-27', '2028-03-01')).toBe(3);
    expect(daysBetween('2030-03-10', '2030-03-03')).toBe(-7);
    expect(daysBetween(DUE, DUE)).toBe(0);
  });
});
