import { EvidenceRejectedError, EvidenceTooLargeError } from '../evidence.errors.js';
import { detectContent, detectFileContent, type DetectedContent } from './detect-content.js';
import { ALLOWED_EXTENSIONS, isTextKind, kindForExtension } from './evidence-kinds.js';
import { extensionOf } from './safe-file-name.js';

export interface EvidenceLimits {
  readonly maxBytes: number;
}

/** What an accepted upload is. */
export interface EvidenceType {
  /** The media type to serve it with, e.g. `application/pdf`, `text/plain; charset=utf-8`. */
  readonly mediaType: string;
  /** The canonical extension for the content, without a dot (`jpg` for a `.jpeg`). */
  readonly extension: string;
}

/**
 * Accepts an upload only when its bytes are an allowed kind of file and its name's extension
 * agrees with them; otherwise throws an `EvidenceRejectedError` whose message says why.
 * Pass the name through `safeFileName` first: messages quote it back to the user.
 * Async because magic-byte detection of zip-based formats (DOCX, XLSX…) reads their parts.
 */
export async function inspectEvidence(
  content: Buffer,
  fileName: string,
  limits: EvidenceLimits,
): Promise<EvidenceType> {
  checkSize(content.length, limits);
  return judge(await detectContent(content), fileName);
}

/** `inspectEvidence` for an upload already on disk: reads the file in pieces, never whole. */
export async function inspectEvidenceFile(
  path: string,
  sizeBytes: number,
  fileName: string,
  limits: EvidenceLimits,
): Promise<EvidenceType> {
  checkSize(sizeBytes, limits);
  return judge(await detectFileContent(path), fileName);
}

function judge(detected: DetectedContent, fileName: string): EvidenceType {
  const claimedExtension = extensionOf(fileName);
  const claimed = kindForExtension(claimedExtension);
  // Text has no signature of its own: it is whichever text kind the name claims.
  const textKind = claimed && isTextKind(claimed) ? claimed : undefined;
  const kind =
    detected.is === 'binary' ? detected.kind : detected.is === 'text' ? textKind : undefined;

  if (claimed && kind === claimed) {
    return { mediaType: claimed.mediaType, extension: claimed.extensions[0] };
  }
  if (claimed) throw mismatch(claimedExtension, describe(detected));
  if (claimedExtension === '' && detected.is !== 'refused') {
    throw new EvidenceRejectedError(
      'EVIDENCE_TYPE_MISMATCH',
      `"${fileName}" has no file extension, but the content is ${describe(detected)}: ` +
        `rename it with ${suggestion(detected)}.`,
      { claimedExtension, detected: describe(detected) },
    );
  }
  throw notAllowed(claimedExtension, detected);
}

function checkSize(sizeBytes: number, { maxBytes }: EvidenceLimits): void {
  if (sizeBytes === 0) {
    throw new EvidenceRejectedError('EVIDENCE_EMPTY', 'The file is empty.');
  }
  if (sizeBytes > maxBytes) throw new EvidenceTooLargeError(maxBytes, sizeBytes);
}

function describe(detected: DetectedContent): string {
  if (detected.is === 'binary') return detected.kind.label;
  if (detected.is === 'text') return 'plain text';
  return detected.label;
}

function suggestion(detected: DetectedContent): string {
  return detected.is === 'binary'
    ? `.${detected.kind.extensions[0]}`
    : '.txt, .csv, .log, .md or .json';
}

function mismatch(claimedExtension: string, actual: string): EvidenceRejectedError {
  return new EvidenceRejectedError(
    'EVIDENCE_TYPE_MISMATCH',
    `The file is named .${claimedExtension}, but its content is ${actual}.`,
    { claimedExtension, detected: actual },
  );
}

function notAllowed(claimedExtension: string, detected: DetectedContent): EvidenceRejectedError {
  const what =
    claimedExtension === '' ? 'Files without an extension' : `.${claimedExtension} files`;
  const content = detected.is === 'refused' ? ` (the content is ${detected.label})` : '';
  return new EvidenceRejectedError(
    'EVIDENCE_TYPE_NOT_ALLOWED',
    `${what} are not accepted as evidence${content}. Allowed: ${ALLOWED_EXTENSIONS.map((e) => `.${e}`).join(', ')}.`,
    { claimedExtension, detected: describe(detected) },
  );
}
