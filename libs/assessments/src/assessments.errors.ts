import { ConflictError, InvalidInputError, NotFoundError } from '@app/common';

/** Unknown, another tenant's, or not addressed to the caller: always the same answer. */
export class AssessmentNotFoundError extends NotFoundError {
  constructor() {
    super('ASSESSMENT_NOT_FOUND', 'No such assessment for your organization.');
  }
}

export class QuestionNotInAssessmentError extends NotFoundError {
  constructor(questionId: string) {
    super('QUESTION_NOT_IN_ASSESSMENT', `This assessment does not ask question ${questionId}.`, {
      questionId,
    });
  }
}

/** A move the lifecycle does not allow from the current state, or not by this side. */
export class TransitionRefusedError extends ConflictError {
  constructor(reason: string, state: string) {
    super('TRANSITION_NOT_ALLOWED', reason, { state });
  }
}

/** A save against a stale version: nothing was written; here is what is there now. */
export class AnswerConflictError extends ConflictError {
  constructor(current: {
    questionId: string;
    version: number;
    /** The stored value in the API's AnswerValue shape (one field per answer type). */
    value: unknown;
    notApplicable: boolean;
    notApplicableReason: string | null;
    answeredAt: string | null;
  }) {
    super(
      'ANSWER_CHANGED',
      `Someone saved question ${current.questionId} since you loaded it; compare with their answer and save again.`,
      { current },
    );
  }
}

/** Answers to questions the answers (as they would be after the save) do not show. */
export class HiddenQuestionsError extends InvalidInputError {
  constructor(questionIds: readonly string[]) {
    super(
      'QUESTIONS_HIDDEN',
      `These questions are not shown for your other answers, so they take no answer: ${questionIds.slice(0, 10).join(', ')}${questionIds.length > 10 ? ', …' : ''}.`,
      { questionIds },
    );
  }
}

export class UnansweredQuestionsError extends InvalidInputError {
  constructor(questionIds: readonly string[]) {
    super(
      'ANSWERS_MISSING',
      `Answer every required question before submitting: ${questionIds.length} still open (${questionIds.slice(0, 10).join(', ')}${questionIds.length > 10 ? ', …' : ''}).`,
      { questionIds },
    );
  }
}

export class FlaggedAnswersError extends ConflictError {
  constructor(questionIds: readonly string[]) {
    super(
      'ANSWERS_FLAGGED',
      `Flagged answers must be fixed (request changes) or accepted before completing: ${questionIds.join(', ')}.`,
      { questionIds },
    );
  }
}

export class NothingFlaggedError extends InvalidInputError {
  constructor() {
    super('NOTHING_FLAGGED', 'Flag at least one answer to say what the vendor should change.');
  }
}

export class InvalidAssessmentError extends InvalidInputError {}

export class AssessmentInvitationInvalidError extends NotFoundError {
  constructor() {
    super(
      'ASSESSMENT_INVITATION_INVALID',
      'This invitation is not valid: it may have expired, been used, or be addressed to someone else.',
    );
  }
}

/** The vendor is already answered by another organization on Cascade. */
export class VendorLinkedElsewhereError extends ConflictError {
  constructor() {
    super(
      'VENDOR_LINKED_ELSEWHERE',
      'This vendor is already answered by another organization on Cascade; ask the customer to check the invitation.',
    );
  }
}

export class NotAnMspError extends InvalidInputError {
  constructor() {
    super(
      'ORGANIZATION_DOES_NOT_ANSWER',
      'Switch to your MSP organization (one that answers assessments) to accept this invitation.',
    );
  }
}

export class EvidenceFileNotFoundError extends NotFoundError {
  constructor() {
    super('EVIDENCE_FILE_NOT_FOUND', 'No such evidence file for your organization.');
  }
}
