import { fileTypeFromBuffer, fileTypeFromFile, type FileTypeResult } from 'file-type';
import { BINARY_EVIDENCE_KINDS, type EvidenceKind } from './evidence-kinds.js';
import { isPlainUtf8Text, looksLikeMarkup, textKindOfFile, type TextKind } from './plain-text.js';

/** What the bytes of an upload are, whatever its name says. */
export type DetectedContent =
  | { readonly is: 'binary'; readonly kind: EvidenceKind }
  | { readonly is: 'text' }
  | { readonly is: 'refused'; readonly label: string };

// Names for refused content that users are likely to meet, so the message says what they sent.
const REFUSED_LABELS: Readonly<Record<string, string>> = {
  exe: 'a Windows executable',
  elf: 'a Linux executable',
  macho: 'a macOS executable',
  msi: 'a Windows installer',
  zip: 'a ZIP archive',
  rar: 'a RAR archive',
  '7z': 'a 7-Zip archive',
  gz: 'a gzip archive',
  tar: 'a tar archive',
  jar: 'a Java archive',
  docm: 'a macro-enabled Word document',
  xlsm: 'a macro-enabled Excel workbook',
  pptm: 'a macro-enabled PowerPoint presentation',
  xml: 'XML markup',
  cfb: 'a legacy Office or other compound file',
};

/**
 * Detects content by its magic bytes with `file-type`, then falls back to "is it plain text?".
 * Text wins over file-type's weaker guesses (it calls a CSV starting "BMW," a BMP and one
 * starting "MZ," an executable): real BMPs and executables contain NUL bytes, so never pass as text.
 */
export async function detectContent(content: Buffer): Promise<DetectedContent> {
  const detected = await fileTypeFromBuffer(content).catch(() => undefined); // unreadable = unknown
  const text: TextKind = !isPlainUtf8Text(content)
    ? 'binary'
    : looksLikeMarkup(content)
      ? 'markup'
      : 'text';
  return classify(detected, text);
}

/** `detectContent` for a file on disk, read in pieces rather than whole. */
export async function detectFileContent(path: string): Promise<DetectedContent> {
  const detected = await fileTypeFromFile(path).catch(() => undefined);
  return classify(detected, await textKindOfFile(path));
}

function classify(detected: FileTypeResult | undefined, text: TextKind): DetectedContent {
  const kind = detected && BINARY_EVIDENCE_KINDS[detected.ext];
  if (kind) return { is: 'binary', kind };
  if (text === 'markup') return { is: 'refused', label: 'HTML or XML markup' };
  if (text === 'text') return { is: 'text' };
  if (!detected) return { is: 'refused', label: 'an unrecognized binary file' };
  return {
    is: 'refused',
    label: REFUSED_LABELS[detected.ext] ?? `a .${detected.ext} file (${detected.mime})`,
  };
}
