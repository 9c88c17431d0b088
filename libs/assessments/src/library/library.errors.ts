import { ConflictError, ForbiddenError, InvalidInputError, NotFoundError } from '@app/common';

export class LibraryAnswerNotFoundError extends NotFoundError {
  constructor(questionId: string) {
    super('LIBRARY_ANSWER_NOT_FOUND', `Your answer library has no answer to ${questionId}.`, {
      questionId,
    });
  }
}

/** Unknown or another organization's grant: the same answer. */
export class LibraryGrantNotFoundError extends NotFoundError {
  constructor() {
    super('LIBRARY_GRANT_NOT_FOUND', 'No such library grant in your organization.');
  }
}

export class LibraryGrantInvalidError extends InvalidInputError {
  constructor(reason: string) {
    super('LIBRARY_GRANT_INVALID', reason);
  }
}

/** No active grant for the assessment's customer (none, revoked or expired). */
export class LibraryNotSharedError extends ForbiddenError {
  constructor() {
    super(
      'LIBRARY_NOT_SHARED',
      'Your answer library is not shared with this customer: grant access first.',
    );
  }
}

export class LibraryAnswerStaleError extends ConflictError {
  constructor(questionIds: readonly string[]) {
    super(
      'LIBRARY_ANSWER_STALE',
      `These library answers are past their freshness date; re-confirm them to use them: ${questionIds.join(', ')}.`,
      { questionIds },
    );
  }
}

/** The question is answered already, or the library has nothing that fits it. */
export class NoLibrarySuggestionError extends ConflictError {
  constructor(questionId: string) {
    super(
      'LIBRARY_SUGGESTION_UNAVAILABLE',
      `The library has no suggestion for ${questionId} in this assessment (answered already, or nothing fits).`,
      { questionId },
    );
  }
}

export class LibrarySourceUnansweredError extends InvalidInputError {
  constructor(questionId: string) {
    super(
      'LIBRARY_SOURCE_UNANSWERED',
      `Question ${questionId} has no answer in this assessment to keep in the library.`,
      { questionId },
    );
  }
}
