/** A kind of file we accept as evidence. */
export interface EvidenceKind {
  /** How a message names the content, e.g. "a PDF document". */
  readonly label: string;
  readonly mediaType: string;
  /** File-name extensions that agree with this content; the first is the canonical one. */
  readonly extensions: readonly [string, ...string[]];
}

/**
 * Binary formats we accept, keyed by the extension `file-type` reports for the content. The
 * OOXML/ODF entries are zip files that file-type tells apart by their parts; a plain zip, a jar
 * and the macro-enabled Office variants (docm, xlsm, pptm) are deliberately absent.
 */
export const BINARY_EVIDENCE_KINDS: Readonly<Record<string, EvidenceKind>> = {
  pdf: { label: 'a PDF document', mediaType: 'application/pdf', extensions: ['pdf'] },
  png: { label: 'a PNG image', mediaType: 'image/png', extensions: ['png'] },
  jpg: { label: 'a JPEG image', mediaType: 'image/jpeg', extensions: ['jpg', 'jpeg'] },
  gif: { label: 'a GIF image', mediaType: 'image/gif', extensions: ['gif'] },
  webp: { label: 'a WebP image', mediaType: 'image/webp', extensions: ['webp'] },
  docx: {
    label: 'a Word document (DOCX)',
    mediaType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    extensions: ['docx'],
  },
  xlsx: {
    label: 'an Excel workbook (XLSX)',
    mediaType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    extensions: ['xlsx'],
  },
  pptx: {
    label: 'a PowerPoint presentation (PPTX)',
    mediaType: 'application/vnd.openxmlformats-officedocument.presentationml.presentation',
    extensions: ['pptx'],
  },
  odt: {
    label: 'an OpenDocument text (ODT)',
    mediaType: 'application/vnd.oasis.opendocument.text',
    extensions: ['odt'],
  },
  ods: {
    label: 'an OpenDocument spreadsheet (ODS)',
    mediaType: 'application/vnd.oasis.opendocument.spreadsheet',
    extensions: ['ods'],
  },
};

/** Text has no magic bytes: its kind comes from the file name, once the bytes prove it is text. */
export const TEXT_EVIDENCE_KINDS: Readonly<Record<string, EvidenceKind>> = {
  txt: { label: 'a text file', mediaType: 'text/plain; charset=utf-8', extensions: ['txt'] },
  log: { label: 'a log file', mediaType: 'text/plain; charset=utf-8', extensions: ['log'] },
  csv: { label: 'a CSV file', mediaType: 'text/csv; charset=utf-8', extensions: ['csv'] },
  md: { label: 'a Markdown file', mediaType: 'text/markdown; charset=utf-8', extensions: ['md'] },
  json: { label: 'a JSON file', mediaType: 'application/json', extensions: ['json'] },
};

/** The accepted kind a file-name extension claims, if any. */
export function kindForExtension(extension: string): EvidenceKind | undefined {
  return [...Object.values(BINARY_EVIDENCE_KINDS), ...Object.values(TEXT_EVIDENCE_KINDS)].find(
    (kind) => kind.extensions.includes(extension),
  );
}

export function isTextKind(kind: EvidenceKind): boolean {
  return Object.values(TEXT_EVIDENCE_KINDS).includes(kind);
}

/** Every extension we accept, for "allowed: …" messages. */
export const ALLOWED_EXTENSIONS: readonly string[] = [
  ...Object.values(BINARY_EVIDENCE_KINDS),
  ...Object.values(TEXT_EVIDENCE_KINDS),
].flatMap((kind) => kind.extensions);
