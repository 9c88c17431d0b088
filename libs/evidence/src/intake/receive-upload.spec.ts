import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { createHash } from 'node:crypto';
import { mkdtemp, readdir, readFile, rm, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough, Readable } from 'node:stream';
import { EvidenceTooLargeError, UploadAbortedError } from '../evidence.errors.js';
import { receiveUpload, removeStaleUploads } from './receive-upload.js';

const sha256 = (content: Buffer) => createHash('sha256').update(content).digest('hex');

describe('receiving an upload into a temporary file', () => {
  let dir: string;

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'incoming-'));
  });

  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('writes the streamed body whole, with its hash and size, mode 0600', async () => {
    const parts = [Buffer.from('first part, '), Buffer.from('second part')];
    const received = await receiveUpload(Readable.from(parts), { dir, maxBytes: 100 });

    const whole = Buffer.concat(parts);
    expect(received).toMatchObject({ sha256: sha256(whole), sizeBytes: whole.length });
    expect(await readFile(received.path)).toEqual(whole);
    await received.discard();
    expect(await readdir(dir)).toEqual([]);
  });

  it('accepts exactly the cap and stops one byte over it, deleting what it wrote', async () => {
    const atCap = await receiveUpload(Buffer.alloc(64, 'a'), { dir, maxBytes: 64 });
    expect(atCap.sizeBytes).toBe(64);
    await atCap.discard();

    const chunks = Array.from({ length: 10 }, () => Buffer.alloc(16, 'b'));
    await expect(
      receiveUpload(Readable.from(chunks), { dir, maxBytes: 64 }),
    ).rejects.toBeInstanceOf(EvidenceTooLargeError);
    expect(await readdir(dir)).toEqual([]);
  });

  it('deletes the temporary file when the body breaks off mid-way', async () => {
    const body = new PassThrough();
    const receiving = receiveUpload(body, { dir, maxBytes: 1024 });
    body.write(Buffer.alloc(100, 'c'));
    await new Promise((resolve) => setTimeout(resolve, 20));
    body.destroy(Object.assign(new Error('aborted'), { code: 'ECONNRESET' }));

    await expect(receiving).rejects.toBeInstanceOf(UploadAbortedError);
    expect(await readdir(dir)).toEqual([]);
  });

  it('survives a body that breaks off before anything is written (no unhandled error)', async () => {
    const body = new PassThrough();
    // Broken before the folder exists: the stream errors while receiveUpload is still awaiting.
    const receiving = receiveUpload(body, { dir: join(dir, 'not-yet-made'), maxBytes: 1024 });
    body.destroy(Object.assign(new Error('aborted'), { code: 'ECONNRESET' }));

    await expect(receiving).rejects.toBeInstanceOf(UploadAbortedError);
    expect(await readdir(join(dir, 'not-yet-made'))).toEqual([]);
  });

  it('sweeps only stale temporary uploads', async () => {
    const old = new Date(Date.now() - 2 * 3600_000);
    await writeFile(join(dir, 'stale.upload'), 'x');
    await utimes(join(dir, 'stale.upload'), old, old);
    await writeFile(join(dir, 'live.upload'), 'y');
    await writeFile(join(dir, 'other-file'), 'z');
    await utimes(join(dir, 'other-file'), old, old);

    expect(await removeStaleUploads(dir, new Date(Date.now() - 3600_000))).toBe(1);
    expect((await readdir(dir)).sort()).toEqual(['live.upload', 'other-file']);
    expect(await removeStaleUploads(join(dir, 'missing'), new Date())).toBe(0);
  });
});
