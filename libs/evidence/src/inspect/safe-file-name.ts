import { EvidenceRejectedError } from '../evidence.errors.js';

export const MAX_FILE_NAME_LENGTH = 200;

// Control characters, and the bidirectional overrides that make "invoice\u202Efdp.exe" display
// as "invoiceexe.pdf".
const INVISIBLE = /[\p{Cc}\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/gu;

/**
 * The name to keep and show for an uploaded file: NFC, without any folder part, control or
 * bidi characters, surrounding spaces or trailing dots, and at most 200 characters (the stem is
 * shortened so the extension, which `inspectEvidence` checks, survives).
 */
export function safeFileName(name: string): string {
  const lastSegment = name.normalize('NFC').split(/[/\\]/).pop() ?? '';
  const cleaned = lastSegment
    .replace(INVISIBLE, '')
    .normalize('NFC')
    .trim()
    .replace(/[.\s]+$/u, '');
  if (cleaned === '') {
    throw new EvidenceRejectedError('EVIDENCE_NAME_INVALID', 'The file needs a name.');
  }
  return truncateKeepingExtension(cleaned);
}

function truncateKeepingExtension(name: string): string {
  const chars = Array.from(name); // code points, so a surrogate pair is never cut in half
  if (chars.length <= MAX_FILE_NAME_LENGTH) return name;
  const dot = name.lastIndexOf('.');
  const extension = dot > 0 ? Array.from(name.slice(dot)) : [];
  const keep = extension.length > 0 && extension.length <= 16 ? extension : [];
  const stem = chars
    .slice(0, MAX_FILE_NAME_LENGTH - keep.length)
    .join('')
    .trimEnd();
  return stem + keep.join('');
}

/** The lowercase extension of a file name without its dot; '' when it has none (".env" has none). */
export function extensionOf(name: string): string {
  const lastSegment = name.split(/[/\\]/).pop() ?? '';
  const dot = lastSegment.lastIndexOf('.');
  return dot > 0
    ? lastSegment
        .slice(dot + 1)
        .trim()
        .toLowerCase()
    : '';
}
