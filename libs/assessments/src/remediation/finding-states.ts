import type { FindingStatus } from '../entities/finding.entity.js';

export type FindingSide = 'customer' | 'msp';

/** Where a finding is still being worked on by the vendor. */
export const WORKABLE: readonly FindingStatus[] = ['open', 'reopened', 'planned', 'in_progress'];

/** Every allowed move, and who may make it. A database trigger holds the MSP to its share. */
const MOVES: readonly {
  from: readonly FindingStatus[];
  to: FindingStatus;
  by: FindingSide;
}[] = [
  { from: WORKABLE, to: 'planned', by: 'msp' },
  { from: WORKABLE, to: 'in_progress', by: 'msp' },
  { from: WORKABLE, to: 'resolved', by: 'msp' },
  { from: ['resolved'], to: 'verified', by: 'customer' },
  { from: [...WORKABLE, 'resolved'], to: 'accepted', by: 'customer' },
  { from: ['resolved', 'verified', 'accepted'], to: 'reopened', by: 'customer' },
];

export interface FindingMove {
  readonly from: FindingStatus;
  readonly to: FindingStatus;
  readonly side: FindingSide;
  /**
   * Whether the vendor works on Cascade (its MSP organization is linked). If it is not, the
   * customer records the vendor's progress itself.
   */
  readonly vendorLinked: boolean;
}

/** Why a move is refused, or null when it is allowed. */
export function findingMoveRefusal(move: FindingMove): string | null {
  if (move.from === move.to) return `The finding is already ${label(move.to)}.`;
  const rule = MOVES.find((m) => m.to === move.to && m.from.includes(move.from));
  if (!rule) return `A finding that is ${label(move.from)} cannot become ${label(move.to)}.`;
  const actsForVendor = rule.by === 'msp' && move.side === 'customer' && !move.vendorLinked;
  if (rule.by !== move.side && !actsForVendor) {
    return rule.by === 'msp'
      ? `Only the vendor marks a finding ${label(move.to)}.`
      : `Only the customer marks a finding ${label(move.to)}.`;
  }
  return null;
}

function label(status: FindingStatus): string {
  return status.replace('_', ' ');
}
