import { crc32, createDeflateRaw, deflateRawSync } from 'node:zlib';

/** A part's bytes as they sit in the ZIP, with what its headers say about them. */
export interface PackedPart {
  readonly method: 0 | 8;
  readonly packed: Buffer;
  readonly size: number;
  readonly crc: number;
}

export interface ZipPart {
  readonly name: string;
  readonly part: PackedPart;
  /** Point the directory at bytes already written (inside another part) instead of new ones. */
  readonly localOffset?: number;
}

export interface ZipOptions {
  /** The entry count the end record claims (a hostile file lies here); the real one otherwise. */
  readonly claimedEntries?: number;
}

/** Packs bytes the way a ZIP writer would: deflated unless `stored`. */
export function packPart(content: Buffer | string, stored = false): PackedPart {
  const data = Buffer.from(content);
  return {
    method: stored ? 0 : 8,
    packed: stored ? data : deflateRawSync(data, { level: 9 }),
    size: data.length,
    crc: crc32(data),
  };
}

/**
 * Deflates `prefix + unit × count + suffix` as a stream, never holding the whole: how tests
 * build a part that unpacks to hundreds of megabytes from a few hundred kilobytes.
 */
export async function packRepeated(
  prefix: string,
  unit: string,
  count: number,
  suffix: string,
): Promise<PackedPart> {
  const deflater = createDeflateRaw({ level: 9 });
  const out: Buffer[] = [];
  deflater.on('data', (chunk: Buffer) => out.push(chunk));
  const ended = new Promise((resolve, reject) => {
    deflater.on('end', resolve);
    deflater.on('error', reject);
  });
  let crc = 0;
  let size = 0;
  const write = async (data: Buffer) => {
    crc = crc32(data, crc);
    size += data.length;
    if (!deflater.write(data)) await new Promise((resolve) => deflater.once('drain', resolve));
  };
  await write(Buffer.from(prefix));
  const perChunk = Math.max(1, Math.floor((1024 * 1024) / Math.max(unit.length, 1)));
  const chunk = Buffer.from(unit.repeat(perChunk));
  let left = count;
  for (; left >= perChunk; left -= perChunk) await write(chunk);
  if (left > 0) await write(Buffer.from(unit.repeat(left)));
  await write(Buffer.from(suffix));
  deflater.end();
  await ended;
  return { method: 8, packed: Buffer.concat(out), size, crc };
}

/** A ZIP of the given parts, in order, with an honest directory unless told to lie. */
export function writeZip(parts: readonly ZipPart[], options: ZipOptions = {}): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const { name, part, localOffset } of parts) {
    if (localOffset !== undefined) {
      centrals.push(centralRecord(name, part, localOffset));
      continue;
    }
    const local = localRecord(name, part);
    locals.push(local);
    centrals.push(centralRecord(name, part, offset));
    offset += local.length;
  }
  const directory = Buffer.concat(centrals);
  const end = endRecord(options.claimedEntries ?? parts.length, directory.length, offset);
  return Buffer.concat([...locals, directory, end]);
}

/**
 * Adds parts to an existing ZIP behind its back: the new parts go after the old ones and into
 * the directory, but the end record keeps the old entry count, as the workbook bomb does.
 */
export function appendHiddenParts(zip: Buffer, parts: readonly ZipPart[]): Buffer {
  const endAt = zip.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  const claimed = zip.readUInt16LE(endAt + 10);
  const directorySize = zip.readUInt32LE(endAt + 12);
  const directoryStart = zip.readUInt32LE(endAt + 16);
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = directoryStart;
  for (const { name, part } of parts) {
    const local = localRecord(name, part);
    locals.push(local);
    centrals.push(centralRecord(name, part, offset));
    offset += local.length;
  }
  const directory = Buffer.concat([
    zip.subarray(directoryStart, directoryStart + directorySize),
    ...centrals,
  ]);
  return Buffer.concat([
    zip.subarray(0, directoryStart),
    ...locals,
    directory,
    endRecord(claimed, directory.length, offset),
  ]);
}

type Field = readonly [value: number, bytes: 2 | 4];

/** flags, method, time, date (1980-01-01), CRC-32, packed and plain sizes. */
function entryFields(part: PackedPart): Field[] {
  return [
    [0, 2],
    [part.method, 2],
    [0, 2],
    [0x21, 2],
    [part.crc, 4],
    [part.packed.length, 4],
    [part.size, 4],
  ];
}

export function localRecord(name: string, part: PackedPart): Buffer {
  const fileName = Buffer.from(name, 'utf8');
  return Buffer.concat([
    header(0x04034b50, [[20, 2], ...entryFields(part), [fileName.length, 2], [0, 2]]),
    fileName,
    part.packed,
  ]);
}

function centralRecord(name: string, part: PackedPart, offset: number): Buffer {
  const fileName = Buffer.from(name, 'utf8');
  return Buffer.concat([
    header(0x02014b50, [
      [20, 2],
      [20, 2],
      ...entryFields(part),
      [fileName.length, 2],
      [0, 2],
      [0, 2],
      [0, 2],
      [0, 2],
      [0, 4],
      [offset, 4],
    ]),
    fileName,
  ]);
}

function endRecord(entries: number, directorySize: number, directoryStart: number): Buffer {
  return header(0x06054b50, [
    [0, 2],
    [0, 2],
    [entries, 2],
    [entries, 2],
    [directorySize, 4],
    [directoryStart, 4],
    [0, 2],
  ]);
}

function header(signature: number, fields: readonly Field[]): Buffer {
  const out = Buffer.alloc(4 + fields.reduce((sum, [, bytes]) => sum + bytes, 0));
  out.writeUInt32LE(signature, 0);
  let at = 4;
  for (const [value, bytes] of fields) {
    if (bytes === 2) out.writeUInt16LE(value, at);
    else out.writeUInt32LE(value >>> 0, at);
    at += bytes;
  }
  return out;
}
