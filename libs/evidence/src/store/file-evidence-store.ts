import { mkdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { EvidenceCorruptedError, EvidenceNotFoundError } from '../evidence.errors.js';
import { EvidenceStore, type StoredEvidence } from './evidence-store.js';
import { assertSha256Key, sha256Hex } from './sha256-key.js';
import { writeFileAtomically } from './write-file-atomically.js';

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
