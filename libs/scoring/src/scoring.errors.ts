import { InvalidInputError, NotFoundError } from '@app/common';

export class InvalidRatingBandsError extends InvalidInputError {
  constructor(bands: { low: number; moderate: number; high: number }) {
    super('INVALID_RATING_BANDS', 'Rating bands must satisfy 0 ≤ high ≤ moderate ≤ low ≤ 100.', {
      ...bands,
    });
  }
}

/** A stored answer whose shape does not fit its question's scoring rule. */
export class UnscorableAnswerError extends InvalidInputError {
  constructor(questionId: string, expected: string) {
    super(
      'UNSCORABLE_ANSWER',
      `The answer to ${questionId} cannot be scored: expected ${expected}.`,
      {
        questionId,
      },
    );
  }
}

/** A score looked at with a template that does not hold its questions. */
export class ScoreTemplateMismatchError extends NotFoundError {
  constructor(questionId: string) {
    super(
      'SCORE_TEMPLATE_MISMATCH',
      `The score refers to question ${questionId}, which this template does not have.`,
      { questionId },
    );
  }
}
