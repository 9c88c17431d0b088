import { InvalidInputError } from '@app/common';
import { dictionary } from '@zxcvbn-ts/language-common';

export const PASSWORD_MIN_LENGTH = 10;
/** Long passphrases are welcome; the cap only stops hashing megabytes. */
export const PASSWORD_MAX_LENGTH = 256;

/** ~49,000 passwords seen most often in breaches (zxcvbn's common-password list). */
const COMMON_PASSWORDS = new Set(dictionary['passwords-common'].map((p) => p.toLowerCase()));

/**
 * ASVS 6.2: a minimum length, long passwords accepted, no composition rules, no truncation, and
 * no password from a breach list. Length counts characters as a person sees them.
 */
export function assertAcceptablePassword(password: string): void {
  if (password.includes('\u0000') || !password.isWellFormed()) {
    throw new InvalidInputError(
      'PASSWORD_INVALID',
      'The password contains characters that cannot be stored.',
    );
  }
  const length = [...new Intl.Segmenter().segment(password)].length;
  if (length < PASSWORD_MIN_LENGTH) {
    throw new InvalidInputError(
      'PASSWORD_TOO_SHORT',
      `Choose a password of at least ${PASSWORD_MIN_LENGTH} characters.`,
    );
  }
  if (length > PASSWORD_MAX_LENGTH) {
    throw new InvalidInputError(
      'PASSWORD_TOO_LONG',
      `Choose a password of at most ${PASSWORD_MAX_LENGTH} characters.`,
    );
  }
  if (COMMON_PASSWORDS.has(password.toLowerCase())) {
    throw new InvalidInputError(
      'PASSWORD_BREACHED',
      'This password appears in lists of breached passwords; choose another.',
    );
  }
}
