/**
 * An assessment's life. The customer drafts and sends it; the MSP answers and submits; the
 * customer reviews, may send it back, and completes it. Every move goes through `transition`.
 */
export const ASSESSMENT_STATES = [
  'draft',
  'sent',
  'in_progress',
  'submitted',
  'in_review',
  'changes_requested',
  'completed',
  'cancelled',
] as const;
export type AssessmentState = (typeof ASSESSMENT_STATES)[number];

/** Which side of the relationship acts: the customer that owns it, or the MSP answering it. */
export type Side = 'customer' | 'vendor';

export const ASSESSMENT_ACTIONS = [
  'send',
  'start',
  'submit',
  'start_review',
  'request_changes',
  'complete',
  'cancel',
] as const;
export type AssessmentAction = (typeof ASSESSMENT_ACTIONS)[number];

interface Move {
  readonly side: Side;
  readonly from: readonly AssessmentState[];
  readonly to: AssessmentState;
}

const OPEN: readonly AssessmentState[] = [
  'draft',
  'sent',
  'in_progress',
  'submitted',
  'in_review',
  'changes_requested',
];

export const MOVES: Readonly<Record<AssessmentAction, Move>> = {
  send: { side: 'customer', from: ['draft'], to: 'sent' },
  // Implicit on the MSP's first save.
  start: { side: 'vendor', from: ['sent'], to: 'in_progress' },
  submit: { side: 'vendor', from: ['in_progress', 'changes_requested'], to: 'submitted' },
  // Implicit on the customer's first review decision.
  start_review: { side: 'customer', from: ['submitted'], to: 'in_review' },
  request_changes: { side: 'customer', from: ['in_review'], to: 'changes_requested' },
  complete: { side: 'customer', from: ['in_review'], to: 'completed' },
  cancel: { side: 'customer', from: OPEN, to: 'cancelled' },
};

/** States in which the MSP may save answers. */
export const ANSWERABLE: readonly AssessmentState[] = ['sent', 'in_progress', 'changes_requested'];

/** States in which the customer may accept or flag answers. */
export const REVIEWABLE: readonly AssessmentState[] = ['submitted', 'in_review'];

export type TransitionCheck =
  | { readonly allowed: true; readonly to: AssessmentState }
  | { readonly allowed: false; readonly reason: string };

export function checkTransition(
  state: AssessmentState,
  action: AssessmentAction,
  side: Side,
): TransitionCheck {
  const move = MOVES[action];
  if (move.side !== side) {
    const who = move.side === 'customer' ? 'the customer' : 'the vendor answering it';
    return { allowed: false, reason: `Only ${who} can ${describe(action)} an assessment.` };
  }
  if (!move.from.includes(state)) {
    return {
      allowed: false,
      reason: `A ${state.replace('_', ' ')} assessment cannot be ${pastTense(action)}; that needs it to be ${move.from.map((s) => s.replace('_', ' ')).join(' or ')}.`,
    };
  }
  return { allowed: true, to: move.to };
}

function describe(action: AssessmentAction): string {
  return action.replace('_', ' ');
}

function pastTense(action: AssessmentAction): string {
  const words: Record<AssessmentAction, string> = {
    send: 'sent',
    start: 'started',
    submit: 'submitted',
    start_review: 'taken into review',
    request_changes: 'sent back for changes',
    complete: 'completed',
    cancel: 'cancelled',
  };
  return words[action];
}
