import { describe, expect, it } from '@jest/globals';
import { InvalidInputError } from '@app/common';
import { checkPlan, MAX_MILESTONES } from './remediation-plan.js';

const TODAY = '2026-06-01';

describe('checkPlan', () => {
  it('keeps a valid plan with its milestones in date order', () => {
    const plan = checkPlan(
      {
        dueOn: '2026-07-31',
        milestones: [
          { title: ' Roll out to all technicians ', dueOn: '2026-07-15' },
          { title: 'Pilot', dueOn: '2026-06-15', doneOn: '2026-06-01' },
        ],
      },
      TODAY,
    );
    expect(plan).toEqual({
      dueOn: '2026-07-31',
      milestones: [
        { title: 'Pilot', dueOn: '2026-06-15', doneOn: '2026-06-01' },
        { title: 'Roll out to all technicians', dueOn: '2026-07-15', doneOn: null },
      ],
    });
  });

  it.each([
    [{ dueOn: '2026-05-31' }, /must not be in the past/],
    [{ dueOn: '2026-02-30' }, /YYYY-MM-DD/],
    [{ dueOn: '2026-07-01', milestones: [{ title: 'x', dueOn: '2026-08-01' }] }, /due after/],
    [
      {
        dueOn: '2026-07-01',
        milestones: [{ title: 'x', dueOn: '2026-06-10', doneOn: '2026-06-02' }],
      },
      /still to come/,
    ],
    [{ dueOn: '2026-07-01', milestones: [{ title: '   ', dueOn: '2026-06-10' }] }, /title/],
  ])('refuses %j', (input, message) => {
    expect(() => checkPlan(input, TODAY)).toThrow(message);
    expect(() => checkPlan(input, TODAY)).toThrow(InvalidInputError);
  });

  it(`refuses more than ${MAX_MILESTONES} milestones`, () => {
    const milestones = Array.from({ length: MAX_MILESTONES + 1 }, (_, i) => ({
      title: `Step ${i}`,
      dueOn: '2026-06-10',
    }));
    expect(() => checkPlan({ dueOn: '2026-07-01', milestones }, TODAY)).toThrow(/at most 20/);
  });
});
