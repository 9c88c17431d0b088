import { ArchiveRejectedError } from './archive.errors.js';

/** One part of a ZIP, as its central directory lists it and its local header confirms. */
export interface ZipEntry {
  readonly name: string;
  /** 0 = stored, 8 = deflated. */
  readonly method: 0 | 8;
  readonly crc32: number;
  readonly packedSize: number;
  readonly declaredSize: number;
  /** Where the packed bytes start. */
  readonly dataStart: number;
}

const EOCD = 0x06054b50;
const ZIP64_LOCATOR = 0x07064b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;
const DATA_DESCRIPTOR = 0x08074b50;
const EOCD_SIZE = 22;
const CENTRAL_SIZE = 46;
const LOCAL_SIZE = 30;
const MAX_16 = 0xffff;
const MAX_32 = 0xffffffff;
const FLAG_ENCRYPTED = 0x0001;
const FLAG_DATA_DESCRIPTOR = 0x0008;
const FLAG_STRONG_ENCRYPTION = 0x0040;

const damaged = (why: string) => new ArchiveRejectedError(`The file is damaged: ${why}.`);

/**
 * Lists a ZIP's parts by walking its real central directory, never trusting the entry count of
 * the end record: parsers (JSZip among them) read every entry they find, so a count that lies
 * would let parts past any check. Everything a parser could read differently is refused: ZIP64,
 * data before the directory's stated place, a local header that disagrees with the directory,
 * parts that overlap, duplicate names, encryption and compression other than deflate.
 */
export function readZipDirectory(content: Buffer, maxEntries: number): ZipEntry[] {
  const end = findEndRecord(content);
  const claimed = content.readUInt16LE(end + 10);
  const directorySize = content.readUInt32LE(end + 12);
  const directoryStart = content.readUInt32LE(end + 16);
  if (
    content.readUInt16LE(end + 4) !== 0 ||
    content.readUInt16LE(end + 6) !== 0 ||
    content.readUInt16LE(end + 8) !== claimed
  ) {
    throw new ArchiveRejectedError('The file is split across several archives.');
  }
  if (
    claimed === MAX_16 ||
    directorySize === MAX_32 ||
    directoryStart === MAX_32 ||
    (end >= 20 && content.readUInt32LE(end - 20) === ZIP64_LOCATOR)
  ) {
    throw new ArchiveRejectedError('The file uses ZIP64, which uploads do not support.');
  }
  if (directoryStart + directorySize !== end) {
    throw damaged('its table of contents is not where it says');
  }

  const entries: ZipEntry[] = [];
  const names = new Set<string>();
  const spans: [start: number, end: number][] = [];
  let at = directoryStart;
  while (at < end) {
    if (entries.length >= maxEntries) {
      throw new ArchiveRejectedError(
        `The file has more than ${maxEntries.toLocaleString('en')} parts.`,
      );
    }
    if (at + CENTRAL_SIZE > end || content.readUInt32LE(at) !== CENTRAL) {
      throw damaged('its table of contents cannot be read');
    }
    const nameLength = content.readUInt16LE(at + 28);
    const next =
      at +
      CENTRAL_SIZE +
      nameLength +
      content.readUInt16LE(at + 30) +
      content.readUInt16LE(at + 32);
    if (next > end) throw damaged('its table of contents cannot be read');
    const { entry, span } = checkedEntry(content, at, directoryStart);
    if (names.has(entry.name)) throw damaged(`it holds "${shorten(entry.name)}" twice`);
    names.add(entry.name);
    entries.push(entry);
    spans.push(span);
    at = next;
  }
  if (entries.length !== claimed) {
    throw damaged(`its table of contents claims ${claimed} parts but holds ${entries.length}`);
  }
  spans.sort((a, b) => a[0] - b[0]);
  for (let index = 1; index < spans.length; index++) {
    if (spans[index][0] < spans[index - 1][1]) throw damaged('two of its parts overlap');
  }
  return entries;
}

/** The end record is the last one in the file, and its comment runs exactly to the end. */
function findEndRecord(content: Buffer): number {
  const last = content.length - EOCD_SIZE;
  for (let at = last; at >= 0 && at >= last - MAX_16; at--) {
    if (content.readUInt32LE(at) !== EOCD) continue;
    if (at + EOCD_SIZE + content.readUInt16LE(at + 20) === content.length) return at;
    break;
  }
  throw new ArchiveRejectedError('The file is not a ZIP-based document (such as .xlsx).');
}

function checkedEntry(
  content: Buffer,
  at: number,
  directoryStart: number,
): { entry: ZipEntry; span: [number, number] } {
  const flags = content.readUInt16LE(at + 8);
  const method = content.readUInt16LE(at + 10);
  const crc32 = content.readUInt32LE(at + 16);
  const packedSize = content.readUInt32LE(at + 20);
  const declaredSize = content.readUInt32LE(at + 24);
  const nameLength = content.readUInt16LE(at + 28);
  const localOffset = content.readUInt32LE(at + 42);
  const nameBytes = content.subarray(at + CENTRAL_SIZE, at + CENTRAL_SIZE + nameLength);
  const name = nameBytes.toString('utf8');

  if (flags & (FLAG_ENCRYPTED | FLAG_STRONG_ENCRYPTION)) {
    throw new ArchiveRejectedError('The file is encrypted or password-protected.');
  }
  if (method !== 0 && method !== 8) {
    throw new ArchiveRejectedError('The file uses a compression method other than deflate.');
  }
  if (packedSize === MAX_32 || declaredSize === MAX_32 || localOffset === MAX_32) {
    throw new ArchiveRejectedError('The file uses ZIP64, which uploads do not support.');
  }
  if (nameLength === 0) throw damaged('a part has no name');
  if (method === 0 && packedSize !== declaredSize) throw damaged('a part has the wrong size');

  if (localOffset + LOCAL_SIZE > directoryStart || content.readUInt32LE(localOffset) !== LOCAL) {
    throw damaged(`the part "${shorten(name)}" cannot be found`);
  }
  const localName = content.subarray(
    localOffset + LOCAL_SIZE,
    localOffset + LOCAL_SIZE + content.readUInt16LE(localOffset + 26),
  );
  const describedLocally = (content.readUInt16LE(localOffset + 6) & FLAG_DATA_DESCRIPTOR) === 0;
  if (
    !localName.equals(nameBytes) ||
    content.readUInt16LE(localOffset + 8) !== method ||
    (describedLocally &&
      (content.readUInt32LE(localOffset + 14) !== crc32 ||
        content.readUInt32LE(localOffset + 18) !== packedSize ||
        content.readUInt32LE(localOffset + 22) !== declaredSize))
  ) {
    throw damaged(`the part "${shorten(name)}" is described two different ways`);
  }
  const dataStart =
    localOffset + LOCAL_SIZE + localName.length + content.readUInt16LE(localOffset + 28);
  let spanEnd = dataStart + packedSize;
  if (!describedLocally) {
    // A data descriptor follows the data: crc and sizes, with or without its signature.
    const signed =
      spanEnd + 4 <= directoryStart && content.readUInt32LE(spanEnd) === DATA_DESCRIPTOR;
    spanEnd += signed ? 16 : 12;
  }
  if (spanEnd > directoryStart) throw damaged(`the part "${shorten(name)}" is cut short`);
  return {
    entry: { name, method, crc32, packedSize, declaredSize, dataStart },
    span: [localOffset, spanEnd],
  };
}

function shorten(text: string): string {
  return text.length > 60 ? `${text.slice(0, 60)}…` : text;
}
