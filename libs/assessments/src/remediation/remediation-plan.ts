import type { Milestone } from '../entities/finding.entity.js';
import { checkDate, cleanText } from '../shared/text.js';
import { InvalidPlanError } from './remediation.errors.js';

export const MAX_MILESTONES = 20;

export interface MilestoneInput {
  readonly title: string;
  readonly dueOn: string;
  readonly doneOn?: string | null;
}

export interface PlanInput {
  readonly dueOn: string;
  readonly milestones?: readonly MilestoneInput[];
}

export interface CheckedPlan {
  readonly dueOn: string;
  readonly milestones: Milestone[];
}

/**
 * A plan as given: a due date from today on, milestones (at most 20) due by then, in date order.
 * A milestone done in the future is refused rather than guessed at.
 */
export function checkPlan(input: PlanInput, today: string): CheckedPlan {
  const dueOn = checkDate(input.dueOn, 'The due date');
  if (dueOn < today) throw new InvalidPlanError('The due date must not be in the past.');
  const given = input.milestones ?? [];
  if (given.length > MAX_MILESTONES) {
    throw new InvalidPlanError(`A plan has at most ${MAX_MILESTONES} milestones.`);
  }
  const milestones = given.map((m, i) => {
    const what = `Milestone ${i + 1}`;
    const milestone: Milestone = {
      title: cleanText(m.title, `${what}'s title`, { max: 300 }),
      dueOn: checkDate(m.dueOn, `${what}'s due date`),
      doneOn: m.doneOn ? checkDate(m.doneOn, `${what}'s done date`) : null,
    };
    if (milestone.dueOn > dueOn) {
      throw new InvalidPlanError(`${what} is due after the plan itself (${dueOn}).`);
    }
    if (milestone.doneOn && milestone.doneOn > today) {
      throw new InvalidPlanError(`${what} cannot be done on a day still to come.`);
    }
    return milestone;
  });
  milestones.sort((a, b) => a.dueOn.localeCompare(b.dueOn));
  return { dueOn, milestones };
}
