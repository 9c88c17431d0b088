import { inflateRawSync } from 'node:zlib';

export interface XlsxLimits {
  readonly maxUnpackedBytes: number;
  readonly maxRowsPerSheet: number;
  readonly maxCells: number;
}

const EOCD = 0x06054b50;
const CENTRAL_ENTRY = 0x02014b50;
const LOCAL_ENTRY = 0x04034b50;
const ZIP64_MARKER = 0xffffffff;
const WORKSHEET_PART = /^\/?xl\/worksheets\/[^/]+\.xml$/;

/**
 * Looks inside an XLSX (a ZIP) before exceljs loads it: exceljs unpacks every part into memory
 * and models every cell, so a small hostile file (a ZIP bomb, a million empty rows) could exhaust
 * the server. Each part is unpacked with a hard output cap, so a part that lies about its size is
 * caught too. Returns what is wrong, in words, or null.
 */
export function xlsxLimitProblem(content: Buffer, limits: XlsxLimits): string | null {
  const end = findEndOfCentralDirectory(content);
  if (end < 0) return 'The file is not an Excel workbook (.xlsx).';
  const entryCount = content.readUInt16LE(end + 10);
  let offset = content.readUInt32LE(end + 16);
  let unpacked = 0;
  let cells = 0;
  for (let index = 0; index < entryCount; index++) {
    if (offset + 46 > content.length || content.readUInt32LE(offset) !== CENTRAL_ENTRY) {
      return 'The file is damaged: its table of contents cannot be read.';
    }
    const method = content.readUInt16LE(offset + 10);
    const packedSize = content.readUInt32LE(offset + 20);
    const declaredSize = content.readUInt32LE(offset + 24);
    const nameLength = content.readUInt16LE(offset + 28);
    const name = content.toString('utf8', offset + 46, offset + 46 + nameLength);
    const localOffset = content.readUInt32LE(offset + 42);
    offset +=
      46 + nameLength + content.readUInt16LE(offset + 30) + content.readUInt16LE(offset + 32);

    if (packedSize === ZIP64_MARKER || declaredSize === ZIP64_MARKER) return tooBig(limits);
    unpacked += declaredSize;
    if (unpacked > limits.maxUnpackedBytes) return tooBig(limits);
    const data = unpack(content, localOffset, method, packedSize, declaredSize);
    if (typeof data === 'string') return data;
    if (WORKSHEET_PART.test(name)) {
      const xml = data.toString('utf8');
      if (countTags(xml, 'row') > limits.maxRowsPerSheet + 1) {
        return `A sheet has more than ${limits.maxRowsPerSheet.toLocaleString('en')} rows.`;
      }
      cells += countTags(xml, 'c');
      if (cells > limits.maxCells) {
        return `The workbook has more than ${limits.maxCells.toLocaleString('en')} cells.`;
      }
    }
  }
  return null;
}

function tooBig(limits: XlsxLimits): string {
  const megabytes = Math.round(limits.maxUnpackedBytes / (1024 * 1024));
  return `The workbook unpacks to more than ${megabytes} MB.`;
}

function findEndOfCentralDirectory(content: Buffer): number {
  // The record is 22 bytes plus a comment of up to 65,535 bytes, at the very end.
  const last = content.length - 22;
  for (let at = last; at >= 0 && at >= last - 0xffff; at--) {
    if (content.readUInt32LE(at) === EOCD) return at;
  }
  return -1;
}

function unpack(
  content: Buffer,
  localOffset: number,
  method: number,
  packedSize: number,
  declaredSize: number,
): Buffer | string {
  if (localOffset + 30 > content.length || content.readUInt32LE(localOffset) !== LOCAL_ENTRY) {
    return 'The file is damaged: a part cannot be found.';
  }
  const start =
    localOffset +
    30 +
    content.readUInt16LE(localOffset + 26) +
    content.readUInt16LE(localOffset + 28);
  if (start + packedSize > content.length) return 'The file is damaged: a part is cut short.';
  const packed = content.subarray(start, start + packedSize);
  if (method === 0) {
    return packed.length === declaredSize
      ? packed
      : 'The file is damaged: a part has the wrong size.';
  }
  if (method !== 8) return 'The file uses a compression method Excel does not write.';
  try {
    // The cap makes zlib stop instead of filling memory when a part is bigger than it says.
    const data = inflateRawSync(packed, { maxOutputLength: Math.max(declaredSize, 1) });
    if (data.length !== declaredSize) return 'The file is damaged: a part has the wrong size.';
    return data;
  } catch {
    return 'The file is damaged: a part cannot be unpacked, or is bigger than it says.';
  }
}

/** Counts `<name ` / `<name>` / `<name/>` start tags; `<row` must not match `<rowBreaks`. */
function countTags(xml: string, name: string): number {
  const open = `<${name}`;
  let count = 0;
  for (let at = xml.indexOf(open); at >= 0; at = xml.indexOf(open, at + open.length)) {
    const next = xml.charCodeAt(at + open.length);
    if (
      next === 0x20 ||
      next === 0x3e ||
      next === 0x2f ||
      next === 0x0a ||
      next === 0x0d ||
      next === 0x09
    ) {
      count++;
    }
  }
  return count;
}
