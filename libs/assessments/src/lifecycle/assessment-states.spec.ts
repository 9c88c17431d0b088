import { describe, expect, it } from '@jest/globals';
import {
  ASSESSMENT_ACTIONS,
  ASSESSMENT_STATES,
  type AssessmentAction,
  type AssessmentState,
  checkTransition,
  type Side,
} from './assessment-states.js';

/** The whole table, written out independently of MOVES: every other pair is refused. */
const ALLOWED: readonly [AssessmentState, AssessmentAction, Side, AssessmentState][] = [
  ['draft', 'send', 'customer', 'sent'],
  ['sent', 'start', 'vendor', 'in_progress'],
  ['in_progress', 'submit', 'vendor', 'submitted'],
  ['changes_requested', 'submit', 'vendor', 'submitted'],
  ['submitted', 'start_review', 'customer', 'in_review'],
  ['in_review', 'request_changes', 'customer', 'changes_requested'],
  ['in_review', 'complete', 'customer', 'completed'],
  ['draft', 'cancel', 'customer', 'cancelled'],
  ['sent', 'cancel', 'customer', 'cancelled'],
  ['in_progress', 'cancel', 'customer', 'cancelled'],
  ['submitted', 'cancel', 'customer', 'cancelled'],
  ['in_review', 'cancel', 'customer', 'cancelled'],
  ['changes_requested', 'cancel', 'customer', 'cancelled'],
];

describe('assessment transitions', () => {
  const cases = ASSESSMENT_STATES.flatMap((state) =>
    ASSESSMENT_ACTIONS.flatMap((action) =>
      (['customer', 'vendor'] as const).map((side) => [state, action, side] as const),
    ),
  );

  it.each(cases)('%s + %s by %s', (state, action, side) => {
    const expected = ALLOWED.find(([s, a, who]) => s === state && a === action && who === side);
    const result = checkTransition(state, action, side);
    if (expected) expect(result).toEqual({ allowed: true, to: expected[3] });
    else expect(result).toMatchObject({ allowed: false, reason: expect.any(String) });
  });

  it('explains a refusal in words', () => {
    expect(checkTransition('completed', 'submit', 'vendor')).toEqual({
      allowed: false,
      reason:
        'A completed assessment cannot be submitted; that needs it to be in progress or changes requested.',
    });
    expect(checkTransition('in_review', 'complete', 'vendor')).toEqual({
      allowed: false,
      reason: 'Only the customer can complete an assessment.',
    });
  });

  it('leaves completed and cancelled assessments final', () => {
    for (const action of ASSESSMENT_ACTIONS) {
      for (const side of ['customer', 'vendor'] as const) {
        expect(checkTransition('completed', action, side).allowed).toBe(false);
        expect(checkTransition('cancelled', action, side).allowed).toBe(false);
      }
    }
  });
});
