import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { createHash } from 'node:crypto';
import { mkdir, mkdtemp, readdir, rm, stat, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FileEvidenceStore } from './file-evidence-store.js';

const sha256 = (content: Buffer) => createHash('sha256').update(content).digest('hex');

/** What uploads and the garbage collector need of the store beyond put and read. */
describe('FileEvidenceStore: taking uploads in, listing and removing files', () => {
  let dataDir: string;
  let root: string;
  let incoming: string;
  let store: FileEvidenceStore;

  beforeEach(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'evidence-gc-'));
    root = join(dataDir, 'evidence');
    incoming = join(dataDir, 'incoming');
    await mkdir(incoming);
    store = new FileEvidenceStore(root);
  });

  afterEach(() => rm(dataDir, { recursive: true, force: true }));

  async function upload(content: Buffer): Promise<string> {
    const path = join(incoming, `${sha256(content).slice(0, 8)}.upload`);
    await writeFile(path, content, { mode: 0o600 });
    return path;
  }

  it('moves a received upload in under its hash and leaves no temporary file', async () => {
    const content = Buffer.from('received evidence');
    const hash = sha256(content);

    await store.putFile(await upload(content), { sha256: hash, sizeBytes: content.length });

    expect(await store.read(hash)).toEqual(content);
    expect(await readdir(incoming)).toEqual([]);
    expect((await stat(join(root, hash.slice(0, 2), hash))).mode & 0o777).toBe(0o600);
  });

  it('leaves a file it already holds alone and still drops the upload', async () => {
    const content = Buffer.from('uploaded twice');
    const { sha256: hash } = await store.put(content);
    const before = await stat(join(root, hash.slice(0, 2), hash));

    await store.putFile(await upload(content), { sha256: hash, sizeBytes: content.length });

    expect((await stat(join(root, hash.slice(0, 2), hash))).ino).toBe(before.ino);
    expect(await readdir(incoming)).toEqual([]);
  });

  it('lists stored files with their size and age, and removes them by hash', async () => {
    const a = await store.put(Buffer.from('first'));
    const b = await store.put(Buffer.from('second file'));
    await writeFile(join(root, a.sha256.slice(0, 2), `.${a.sha256}.x.tmp`), 'leftover');

    const listed = [];
    for await (const entry of store.list()) listed.push(entry);

    expect(
      listed
        .map(({ sha256: hash, sizeBytes }) => ({ sha256: hash, sizeBytes }))
        .sort((x, y) => x.sha256.localeCompare(y.sha256)),
    ).toEqual([a, b].sort((x, y) => x.sha256.localeCompare(y.sha256)));
    for (const entry of listed)
      expect(entry.modifiedAt.getTime()).toBeGreaterThan(Date.now() - 60_000);
    await store.remove(a.sha256);
    await store.remove(a.sha256); // already gone: not an error
    expect(await store.has(a.sha256)).toBe(false);
    expect(await store.has(b.sha256)).toBe(true);
    await expect(store.remove('../../etc/passwd')).rejects.toMatchObject({
      code: 'EVIDENCE_KEY_INVALID',
    });
  });

  it('removes write leftovers older than the cutoff, never stored files', async () => {
    const { sha256: hash } = await store.put(Buffer.from('kept'));
    const folder = join(root, hash.slice(0, 2));
    const old = new Date(Date.now() - 7200_000);
    await writeFile(join(folder, `.${hash}.stale.tmp`), 'stale');
    await utimes(join(folder, `.${hash}.stale.tmp`), old, old);
    await utimes(join(folder, hash), old, old);
    await writeFile(join(folder, `.${hash}.fresh.tmp`), 'being written');

    expect(await store.removeTemporaryFiles(new Date(Date.now() - 3600_000))).toBe(1);
    expect((await readdir(folder)).sort()).toEqual([`.${hash}.fresh.tmp`, hash].sort());
  });
});
