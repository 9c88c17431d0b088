/** A condition that cannot be parsed or evaluated; `position` is a 0-based character offset. */
export class ExpressionError extends Error {
  constructor(
    message: string,
    readonly position?: number,
  ) {
    super(position === undefined ? message : `${message} (at character ${position + 1})`);
    this.name = 'ExpressionError';
  }
}
