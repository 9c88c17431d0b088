import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { createHash } from 'node:crypto';
import { mkdtemp, readdir, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  EvidenceCorruptedError,
  EvidenceKeyInvalidError,
  EvidenceNotFoundError,
} from '../evidence.errors.js';
import { EvidenceStore } from './evidence-store.js';
import { FileEvidenceStore } from './file-evidence-store.js';

const sha256 = (content: Buffer) => createHash('sha256').update(content).digest('hex');

/** Every file under `folder`, as paths relative to it. */
async function filesUnder(folder: string): Promise<string[]> {
  const entries = await readdir(folder, { recursive: true, withFileTypes: true });
  return entries
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath, entry.name).slice(folder.length + 1))
    .sort();
}

describe('FileEvidenceStore', () => {
  let dataDir: string;
  let root: string;
  let store: FileEvidenceStore;

  beforeEach(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'evidence-'));
    root = join(dataDir, 'evidence');
    store = new FileEvidenceStore(root);
  });

  afterEach(async () => {
    await rm(dataDir, { recursive: true, force: true });
  });

  it('is the EvidenceStore that NestJS injects', () => {
    expect(store).toBeInstanceOf(EvidenceStore);
  });

  it('stores content under its hash and reads back the same bytes', async () => {
    const content = Buffer.from('SOC 2 Type II report, page 1');
    const hash = sha256(content);

    const stored = await store.put(content);

    expect(stored).toEqual({ sha256: hash, sizeBytes: content.length });
    expect(await filesUnder(root)).toEqual([join(hash.slice(0, 2), hash)]);
    expect(await store.read(hash)).toEqual(content);
    expect(await store.has(hash)).toBe(true);
  });

  it('keeps binary content intact, including the empty file', async () => {
    const binary = Buffer.from([0, 255, 1, 254, 0, 0, 10, 13]);
    const empty = Buffer.alloc(0);
    expect(await store.read((await store.put(binary)).sha256)).toEqual(binary);
    expect(await store.read((await store.put(empty)).sha256)).toEqual(empty);
  });

  it('writes identical content once, and leaves the stored file alone the second time', async () => {
    const content = Buffer.from('same policy uploaded twice');
    const first = await store.put(content);
    const before = await stat(join(root, first.sha256.slice(0, 2), first.sha256));

    const second = await store.put(Buffer.from(content));

    expect(second).toEqual(first);
    const after = await stat(join(root, first.sha256.slice(0, 2), first.sha256));
    expect(after.ino).toBe(before.ino);
    expect(after.mtimeMs).toBe(before.mtimeMs);
    expect(await filesUnder(root)).toHaveLength(1);
  });

  it('leaves no temporary file behind, even when many puts race on the same content', async () => {
    const contents = Array.from({ length: 20 }, (_, i) => Buffer.from(`evidence ${i % 5}`));
    await Promise.all(contents.map((content) => store.put(content)));

    const files = await filesUnder(root);
    expect(files).toHaveLength(5);
    expect(files.every((file) => /^[0-9a-f]{2}\/[0-9a-f]{64}$/.test(file))).toBe(true);
  });

  it('creates folders readable by the owner only, and files with mode 0600', async () => {
    const { sha256: hash } = await store.put(Buffer.from('private'));

    expect((await stat(root)).mode & 0o777).toBe(0o700);
    expect((await stat(join(root, hash.slice(0, 2)))).mode & 0o777).toBe(0o700);
    expect((await stat(join(root, hash.slice(0, 2), hash))).mode & 0o777).toBe(0o600);
  });

  it('detects a stored file whose bytes were changed', async () => {
    const { sha256: hash } = await store.put(Buffer.from('original answer'));
    await writeFile(join(root, hash.slice(0, 2), hash), 'tampered answer');

    await expect(store.read(hash)).rejects.toBeInstanceOf(EvidenceCorruptedError);
    await expect(store.read(hash)).rejects.toMatchObject({
      code: 'EVIDENCE_CORRUPTED',
      sha256: hash,
      actualSha256: sha256(Buffer.from('tampered answer')),
    });
  });

  it('repairs a damaged copy when the genuine content is put again', async () => {
    const content = Buffer.from('genuine bytes');
    const { sha256: hash } = await store.put(content);
    await writeFile(join(root, hash.slice(0, 2), hash), 'trunc');

    await store.put(content);

    expect(await store.read(hash)).toEqual(content);
  });

  it('reports a missing file as not found', async () => {
    const absent = sha256(Buffer.from('never stored'));

    expect(await store.has(absent)).toBe(false);
    await expect(store.read(absent)).rejects.toBeInstanceOf(EvidenceNotFoundError);
    await expect(store.read(absent)).rejects.toMatchObject({ code: 'EVIDENCE_NOT_FOUND' });
  });

  it.each([
    '../../etc/passwd',
    '',
    'ab',
    'A'.repeat(64),
    `${'a'.repeat(62)}/x`,
    `${'a'.repeat(64)}\n`,
    `../${'a'.repeat(61)}`,
    'g'.repeat(64),
  ])('refuses the malformed key %j before touching the disk', async (key) => {
    await expect(store.read(key)).rejects.toBeInstanceOf(EvidenceKeyInvalidError);
    await expect(store.has(key)).rejects.toMatchObject({ code: 'EVIDENCE_KEY_INVALID' });
  });
});
