import { ConflictError, InvalidInputError, NotFoundError } from '@app/common';

export class TemplateNotFoundError extends NotFoundError {
  constructor() {
    super('TEMPLATE_NOT_FOUND', 'No such questionnaire template or version.');
  }
}

export class TemplateKeyTakenError extends ConflictError {
  constructor(key: string) {
    super('TEMPLATE_KEY_TAKEN', `A template with the key "${key}" already exists; choose another.`);
  }
}

export class NoDraftError extends ConflictError {
  constructor() {
    super(
      'NO_DRAFT',
      'This template has no draft; start a new draft from its latest version first.',
    );
  }
}

export class DraftExistsError extends ConflictError {
  constructor(version: string) {
    super('DRAFT_EXISTS', `Version ${version} is already being drafted; edit or publish it first.`);
  }
}

/** The edit would leave the template invalid; `problems` says where and why. */
export class InvalidTemplateError extends InvalidInputError {
  constructor(problems: readonly { path: string; message: string }[]) {
    super(
      'TEMPLATE_INVALID',
      `The template is not valid: ${problems.map((p) => `${p.path}: ${p.message}`).join('; ')}`,
      { problems: problems.map((p) => `${p.path}: ${p.message}`) },
    );
  }
}
