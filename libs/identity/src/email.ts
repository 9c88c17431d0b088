import { InvalidInputError } from '@app/common';

const MAX_EMAIL_LENGTH = 320;
const SHAPE = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export interface NormalisedEmail {
  /** As typed, NFC and trimmed. */
  readonly email: string;
  /** NFC and lower-cased: compared for uniqueness and sign-in. */
  readonly key: string;
}

export function normaliseEmail(input: string): NormalisedEmail {
  const email = input.normalize('NFC').trim();
  if (email.length > MAX_EMAIL_LENGTH || !SHAPE.test(email) || !email.isWellFormed()) {
    throw new InvalidInputError('EMAIL_INVALID', 'Enter a valid email address.');
  }
  return { email, key: email.toLowerCase() };
}
