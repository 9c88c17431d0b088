import { randomUUID } from 'node:crypto';
import { open, rename, unlink } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

/** Temporary files start with a dot and end in `.tmp`, so they can never be taken for stored content. */
export const TEMP_FILE_SUFFIX = '.tmp';

/**
 * Writes `content` to `target` so that `target` is either absent or complete, even after a crash:
 * write a temp file in the same folder (rename is only atomic within one file system), fsync it,
 * rename it over `target`, then fsync the folder so the rename itself survives a power cut.
 */
export async function writeFileAtomically(
  target: string,
  content: Buffer,
  mode: number,
): Promise<void> {
  const folder = dirname(target);
  const temp = join(folder, `.${basename(target)}.${randomUUID()}${TEMP_FILE_SUFFIX}`);
  try {
    const file = await open(temp, 'wx', mode);
    try {
      await file.writeFile(content);
      await file.sync();
    } finally {
      await file.close();
    }
    await rename(temp, target);
  } catch (error) {
    await unlink(temp).catch(() => undefined);
    throw error;
  }
  await syncFolder(folder);
}

/** Makes a rename or unlink in `folder` durable. */
export async function syncFolder(folder: string): Promise<void> {
  const handle = await open(folder, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}
