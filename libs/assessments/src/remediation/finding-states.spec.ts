import { describe, expect, it } from '@jest/globals';
import { FINDING_STATUSES, type FindingStatus } from '../entities/finding.entity.js';
import { type FindingMove, findingMoveRefusal } from './finding-states.js';

const move = (
  from: FindingStatus,
  to: FindingStatus,
  side: 'customer' | 'msp',
  vendorLinked = true,
): FindingMove => ({ from, to, side, vendorLinked });

describe('findingMoveRefusal', () => {
  it('lets the MSP plan, start and resolve work in progress', () => {
    expect(findingMoveRefusal(move('open', 'planned', 'msp'))).toBeNull();
    expect(findingMoveRefusal(move('planned', 'in_progress', 'msp'))).toBeNull();
    expect(findingMoveRefusal(move('in_progress', 'resolved', 'msp'))).toBeNull();
    expect(findingMoveRefusal(move('reopened', 'in_progress', 'msp'))).toBeNull();
  });

  it('keeps verifying, accepting and reopening for the customer', () => {
    expect(findingMoveRefusal(move('resolved', 'verified', 'customer'))).toBeNull();
    expect(findingMoveRefusal(move('open', 'accepted', 'customer'))).toBeNull();
    expect(findingMoveRefusal(move('verified', 'reopened', 'customer'))).toBeNull();
    expect(findingMoveRefusal(move('accepted', 'reopened', 'customer'))).toBeNull();
    expect(findingMoveRefusal(move('resolved', 'verified', 'msp'))).toBe(
      'Only the customer marks a finding verified.',
    );
    expect(findingMoveRefusal(move('open', 'accepted', 'msp'))).toMatch(/Only the customer/);
  });

  it('lets the customer record progress only for a vendor that is not on Cascade', () => {
    expect(findingMoveRefusal(move('open', 'resolved', 'customer', false))).toBeNull();
    expect(findingMoveRefusal(move('open', 'resolved', 'customer', true))).toBe(
      'Only the vendor marks a finding resolved.',
    );
  });

  it('refuses moves out of order and moves to the same state', () => {
    expect(findingMoveRefusal(move('verified', 'in_progress', 'msp'))).toBe(
      'A finding that is verified cannot become in progress.',
    );
    expect(findingMoveRefusal(move('open', 'verified', 'customer'))).toMatch(/cannot become/);
    expect(findingMoveRefusal(move('planned', 'planned', 'msp'))).toBe(
      'The finding is already planned.',
    );
  });

  it('never lets anyone back to open: a finding comes back as reopened', () => {
    for (const from of FINDING_STATUSES) {
      for (const side of ['customer', 'msp'] as const) {
        expect(findingMoveRefusal(move(from, 'open', side, false))).not.toBeNull();
      }
    }
  });
});
