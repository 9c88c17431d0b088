export const MAX_ANSWER_TEXT_LENGTH = 10_000;

/**
 * Free text as stored: NFC so the same words compare equal whichever keyboard typed them, trimmed,
 * and refused when it is not well-formed UTF-16 or holds NUL (PostgreSQL text cannot store NUL).
 * Returns the text, or a description of what is wrong with it; '' stays '' for the caller to judge.
 */
export function normaliseAnswerText(raw: string): { text: string } | { problem: string } {
  // Lone surrogates would make normalize() and the database choke, so check them first.
  if (!raw.isWellFormed()) return { problem: 'contains a broken character (a lone surrogate)' };
  if (raw.includes('\u0000')) return { problem: 'contains a NUL character' };
  // Cheap guard before normalising a huge string: NFC never shrinks text by more than a few times.
  if (raw.length > MAX_ANSWER_TEXT_LENGTH * 4) return { problem: tooLong() };
  const text = raw.normalize('NFC').trim();
  if (countCharacters(text) > MAX_ANSWER_TEXT_LENGTH) return { problem: tooLong() };
  return { text };
}

const tooLong = () => `is longer than ${MAX_ANSWER_TEXT_LENGTH.toLocaleString('en')} characters`;

/** Characters as a person counts them (code points), not UTF-16 units: an emoji is one. */
function countCharacters(text: string): number {
  if (text.length <= MAX_ANSWER_TEXT_LENGTH) return text.length;
  // The text is well-formed, so every code point has exactly one unit outside the low surrogates.
  let count = 0;
  for (let at = 0; at < text.length; at++) {
    const unit = text.charCodeAt(at);
    if (unit < 0xdc00 || unit > 0xdfff) count++;
  }
  return count;
}
