import type { AnswerValue } from '@app/catalog';
import type { ContractClauses } from '@app/vendors';

export interface ClauseContradiction {
  readonly clause: keyof ContractClauses;
  readonly questionId: string;
  readonly contractSays: string;
  readonly answerSays: string;
}

type Answers = Readonly<Record<string, AnswerValue | undefined>>;

interface Check {
  readonly clause: keyof ContractClauses;
  readonly questionId: string;
  readonly compare: (clauses: ContractClauses, answer: AnswerValue) => [string, string] | null;
}

const WEAKER_THAN_YES = new Set(['no', 'partial']);

/**
 * Where the vendor's own answers say less than its contract promises. The questions are those of
 * the advisory questionnaire (and tenant copies, which keep its question ids).
 */
const CHECKS: readonly Check[] = [
  {
    clause: 'incidentNotification',
    questionId: 'IRP-05',
    compare: (c, answer) => {
      const promised = c.incidentNotification?.withinHours;
      return promised !== undefined && typeof answer === 'number' && answer > promised
        ? [`notify within ${promised} hours`, `notifies within ${answer} hours`]
        : null;
    },
  },
  {
    clause: 'logRetentionMonths',
    questionId: 'LOG-01',
    compare: (c, answer) => {
      const promised = c.logRetentionMonths;
      return promised !== undefined && typeof answer === 'number' && answer < promised
        ? [`keep logs ${promised} months`, `keeps logs ${answer} months`]
        : null;
    },
  },
  {
    clause: 'mfaRequired',
    questionId: 'MFA-01',
    compare: (c, answer) =>
      c.mfaRequired === true && typeof answer === 'string' && WEAKER_THAN_YES.has(answer)
        ? ['MFA required on every account that reaches you', `MFA enforced: ${answer}`]
        : null,
  },
  {
    clause: 'backup',
    questionId: 'BAK-01',
    compare: (c, answer) =>
      c.backup?.isolatedCopy === true && typeof answer === 'string' && WEAKER_THAN_YES.has(answer)
        ? ['an isolated backup copy', `isolated copy: ${answer}`]
        : null,
  },
];

export function clauseContradictions(
  clauses: ContractClauses,
  answers: Answers,
): ClauseContradiction[] {
  return CHECKS.flatMap((check) => {
    const answer = answers[check.questionId];
    if (answer === undefined || answer === null) return [];
    const found = check.compare(clauses, answer);
    return found
      ? [
          {
            clause: check.clause,
            questionId: check.questionId,
            contractSays: found[0],
            answerSays: found[1],
          },
        ]
      : [];
  });
}
