import { InvalidInputError } from '@app/common';

/** An answer that does not fit its question. The message is written for the person answering. */
export class InvalidAnswerError extends InvalidInputError {
  constructor(
    readonly questionId: string,
    message: string,
  ) {
    super('ANSWER_INVALID', message, { questionId });
  }
}
