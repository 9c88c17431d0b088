/** Control, format (e.g. bidi overrides), line and paragraph separator characters. */
const INVISIBLE_OR_BREAKING = /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}]/u;
/** What mail clients turn into a link: schemes and "www." hosts. */
const WEB_ADDRESS = /:\/\/|\bwww\./iu;

/**
 * Whether a name (an organization's, a person's, a vendor's) is plain text we may put in mail:
 * no line breaks or other control characters (header and body injection) and no web address (a
 * tenant's link in a mail Cascade sends). Names are for people, not for carrying links.
 */
export function isPlainName(name: string): boolean {
  return !INVISIBLE_OR_BREAKING.test(name) && !WEB_ADDRESS.test(name);
}

export const PLAIN_NAME_RULE = 'one line of text, without control characters or web addresses';
