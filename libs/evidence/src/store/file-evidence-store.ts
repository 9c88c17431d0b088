import { copyFile, mkdir, readdir, readFile, rename, stat, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { EvidenceCorruptedError, EvidenceNotFoundError } from '../evidence.errors.js';
import { EvidenceStore, type StoredEvidence, type StoredEvidenceEntry } from './evidence-store.js';
import { assertSha256Key, sha256Hex } from './sha256-key.js';
import { syncFolder, TEMP_FILE_SUFFIX, writeFileAtomically } from './write-file-atomically.js';

// Evidence can hold customers' security details: only the service's own user may read it.
const FOLDER_MODE = 0o700;
const FILE_MODE = 0o600;

/** Keeps each file at `<root>/<first 2 hex>/<sha256>`; the fan-out keeps folders small. */
export class FileEvidenceStore extends EvidenceStore {
  constructor(private readonly root: string) {
    super();
  }

  async put(content: Buffer): Promise<StoredEvidence> {
    const sha256 = sha256Hex(content);
    const stored = { sha256, sizeBytes: content.length };
    const path = this.pathOf(sha256);
    // Same name means same bytes; a size that differs can only be damage, so overwrite it.
    if ((await sizeOf(path)) === content.length) return stored;
    await mkdir(join(this.root, sha256.slice(0, 2)), { recursive: true, mode: FOLDER_MODE });
    await writeFileAtomically(path, content, FILE_MODE);
    return stored;
  }

  async putFile(path: string, stored: StoredEvidence): Promise<void> {
    assertSha256Key(stored.sha256);
    const target = this.pathOf(stored.sha256);
    try {
      if ((await sizeOf(target)) !== stored.sizeBytes) {
        const folder = join(this.root, stored.sha256.slice(0, 2));
        await mkdir(folder, { recursive: true, mode: FOLDER_MODE });
        await moveInto(path, target, folder);
        await syncFolder(folder);
      }
    } finally {
      await unlink(path).catch(() => undefined);
    }
  }

  async remove(sha256: string): Promise<void> {
    assertSha256Key(sha256);
    try {
      await unlink(this.pathOf(sha256));
    } catch (error) {
      if (!isMissing(error)) throw error;
    }
  }

  async *list(): AsyncIterable<StoredEvidenceEntry> {
    for (const folder of await namesIn(this.root, FAN_OUT)) {
      for (const name of await namesIn(join(this.root, folder), STORED_NAME)) {
        const info = await stat(join(this.root, folder, name)).catch(() => undefined);
        if (info?.isFile()) yield { sha256: name, sizeBytes: info.size, modifiedAt: info.mtime };
      }
    }
  }

  async removeTemporaryFiles(before: Date): Promise<number> {
    let removed = 0;
    for (const folder of await namesIn(this.root, FAN_OUT)) {
      for (const name of await namesIn(join(this.root, folder), LEFTOVER)) {
        const path = join(this.root, folder, name);
        const info = await stat(path).catch(() => undefined);
        if (info?.isFile() && info.mtime < before) {
          await unlink(path).catch(() => undefined);
          removed++;
        }
      }
    }
    return removed;
  }

  async read(sha256: string): Promise<Buffer> {
    assertSha256Key(sha256);
    let content: Buffer;
    try {
      content = await readFile(this.pathOf(sha256));
    } catch (error) {
      if (isMissing(error)) throw new EvidenceNotFoundError(sha256);
      throw error;
    }
    const actual = sha256Hex(content);
    if (actual !== sha256) throw new EvidenceCorruptedError(sha256, actual);
    return content;
  }

  async has(sha256: string): Promise<boolean> {
    assertSha256Key(sha256);
    return (await sizeOf(this.pathOf(sha256))) !== undefined;
  }

  private pathOf(sha256: string): string {
    return join(this.root, sha256.slice(0, 2), sha256);
  }
}

const FAN_OUT = /^[0-9a-f]{2}$/;
const STORED_NAME = /^[0-9a-f]{64}$/;
/** What `writeFileAtomically` and `moveInto` name their temp files: `.<anything>.tmp`. */
const LEFTOVER = /^\..+\.tmp$/;

/** Names in `folder` that match `pattern`; none when the folder does not exist. */
async function namesIn(folder: string, pattern: RegExp): Promise<string[]> {
  try {
    return (await readdir(folder)).filter((name) => pattern.test(name));
  } catch (error) {
    if (isMissing(error)) return [];
    throw error;
  }
}

/**
 * Renames the upload into place: atomic, and the bytes were synced when it was written. Across
 * file systems (an incoming folder mounted elsewhere) it copies to a temp file beside the target.
 */
async function moveInto(path: string, target: string, folder: string): Promise<void> {
  try {
    await rename(path, target);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EXDEV') throw error;
    const temp = join(folder, `.${randomUUID()}${TEMP_FILE_SUFFIX}`);
    try {
      await copyFile(path, temp);
      await rename(temp, target);
    } catch (copyError) {
      await unlink(temp).catch(() => undefined);
      throw copyError;
    }
  }
}

/** The size of a regular file, or undefined when there is none. */
async function sizeOf(path: string): Promise<number | undefined> {
  try {
    const info = await stat(path);
    return info.isFile() ? info.size : undefined;
  } catch (error) {
    if (isMissing(error)) return undefined;
    throw error;
  }
}

function isMissing(error: unknown): boolean {
  const code = (error as NodeJS.ErrnoException).code;
  return code === 'ENOENT' || code === 'ENOTDIR';
}
