import { crc32, createInflateRaw } from 'node:zlib';
import { ArchiveRejectedError } from './archive.errors.js';
import { readZipDirectory, type ZipEntry } from './zip-directory.js';
import { megabytes, RATIO_FLOOR_BYTES, type ZipLimits } from './zip-limits.js';

/** Sees a part's unpacked bytes as they stream by; throws ArchiveRejectedError to stop. */
export type PartWatcher = (chunk: Buffer) => void;

const CHUNK_BYTES = 64 * 1024;

/**
 * The one guard for every ZIP-based upload: walks the real central directory, refuses what
 * declares too much, then unpacks every part as a stream (never more than one chunk in memory),
 * stopping the moment a part outgrows what it declared, so a lying header cannot get past the
 * caps. A watcher per part (chosen by `watch`) can refuse content while it streams. Returns the
 * parts, all verified (size and checksum), for a parser to read afterwards.
 */
export async function inspectZip(
  content: Buffer,
  limits: ZipLimits,
  watch: (name: string) => PartWatcher | undefined = () => undefined,
): Promise<ZipEntry[]> {
  const entries = readZipDirectory(content, limits.maxEntries);
  let total = 0;
  for (const entry of entries) {
    checkDeclared(entry, limits);
    total += entry.declaredSize;
    if (total > limits.maxTotalBytes) {
      throw new ArchiveRejectedError(
        `The file unpacks to more than ${megabytes(limits.maxTotalBytes)}.`,
      );
    }
  }
  for (const entry of entries) await unpack(content, entry, watch(entry.name));
  return entries;
}

function checkDeclared(entry: ZipEntry, limits: ZipLimits): void {
  if (entry.declaredSize > limits.maxEntryBytes) {
    throw new ArchiveRejectedError(
      `A part of the file unpacks to more than ${megabytes(limits.maxEntryBytes)}.`,
    );
  }
  if (
    entry.declaredSize > RATIO_FLOOR_BYTES &&
    entry.declaredSize > entry.packedSize * limits.maxRatio
  ) {
    throw new ArchiveRejectedError(
      `A part of the file is packed more than ${limits.maxRatio} to 1, as only archive bombs are.`,
    );
  }
}

async function unpack(
  content: Buffer,
  entry: ZipEntry,
  watcher: PartWatcher | undefined,
): Promise<void> {
  const packed = content.subarray(entry.dataStart, entry.dataStart + entry.packedSize);
  let size = 0;
  let checksum = 0;
  const take = (chunk: Buffer) => {
    size += chunk.length;
    // Declared sizes were checked against the caps, so stopping here enforces them.
    if (size > entry.declaredSize) {
      throw new ArchiveRejectedError('The file is damaged: a part is bigger than it says.');
    }
    checksum = crc32(chunk, checksum);
    watcher?.(chunk);
  };
  if (entry.method === 0) {
    for (let at = 0; at < packed.length; at += CHUNK_BYTES) {
      take(packed.subarray(at, at + CHUNK_BYTES));
    }
  } else {
    const inflater = createInflateRaw({ chunkSize: CHUNK_BYTES });
    inflater.end(packed);
    try {
      // Async iteration pulls one chunk at a time; leaving the loop destroys the stream.
      for await (const chunk of inflater) take(chunk as Buffer);
    } catch (error) {
      if (error instanceof ArchiveRejectedError) throw error;
      throw new ArchiveRejectedError('The file is damaged: a part cannot be unpacked.');
    }
  }
  if (size !== entry.declaredSize) {
    throw new ArchiveRejectedError('The file is damaged: a part has the wrong size.');
  }
  if (checksum !== entry.crc32) {
    throw new ArchiveRejectedError('The file is damaged: a part fails its checksum.');
  }
}
