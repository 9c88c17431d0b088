import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FileEvidenceStore } from './file-evidence-store.js';
import { sha256Hex } from './sha256-key.js';
import { writeFileAtomically } from './write-file-atomically.js';

describe('writing a file atomically', () => {
  let folder: string;

  beforeEach(async () => {
    folder = await mkdtemp(join(tmpdir(), 'atomic-'));
  });

  afterEach(async () => {
    await rm(folder, { recursive: true, force: true });
  });

  it('replaces the target whole and leaves only the target behind', async () => {
    const target = join(folder, 'file');
    await writeFile(target, 'old');

    await writeFileAtomically(target, Buffer.from('new content'), 0o600);

    expect(await readFile(target, 'utf8')).toBe('new content');
    expect(await readdir(folder)).toEqual(['file']);
  });

  it('removes its temporary file when the final rename fails', async () => {
    // A non-empty folder under the final name makes rename() fail after the data was written.
    const target = join(folder, 'occupied');
    await mkdir(target);
    await writeFile(join(target, 'keep'), 'x');

    await expect(writeFileAtomically(target, Buffer.from('data'), 0o600)).rejects.toThrow();

    expect(await readdir(folder)).toEqual(['occupied']);
  });

  it('leaves a store blind to a temporary file that a crash left half-written', async () => {
    const store = new FileEvidenceStore(folder);
    const content = Buffer.from('complete evidence file');
    const hash = sha256Hex(content);
    await mkdir(join(folder, hash.slice(0, 2)));
    const leftover = join(folder, hash.slice(0, 2), `.${hash}.crashed.tmp`);
    await writeFile(leftover, content.subarray(0, 8));

    expect(await store.has(hash)).toBe(false);
    await store.put(content);
    expect(await store.read(hash)).toEqual(content);
  });
});
