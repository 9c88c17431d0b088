import { createHash, randomUUID } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, readdir, stat, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import { Readable, Transform, type TransformCallback } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { EvidenceTooLargeError, UploadAbortedError } from '../evidence.errors.js';
import type { StoredEvidence } from '../store/evidence-store.js';

/** An upload's body: a request stream as it arrives, or bytes already in hand (tests, jobs). */
export type UploadBody = Readable | Buffer;

/** An upload written to a temporary file and hashed, not yet checked or stored. */
export interface ReceivedUpload extends StoredEvidence {
  readonly path: string;
  /** Deletes the temporary file (a no-op once the store has taken it). */
  discard(): Promise<void>;
}

export interface IncomingLimits {
  /** Where temporary files go; created on first use, readable by the service only. */
  readonly dir: string;
  readonly maxBytes: number;
}

const INCOMING_SUFFIX = '.upload';

/**
 * Streams `body` to a temporary file, hashing as it goes, so neither memory nor the store ever
 * holds more than `maxBytes` of it. One byte over the cap stops it with `EvidenceTooLargeError`;
 * a body that ends early (the client went away) with `UploadAbortedError`. On any failure the
 * temporary file is deleted before the error is thrown.
 */
export async function receiveUpload(
  body: UploadBody,
  { dir, maxBytes }: IncomingLimits,
): Promise<ReceivedUpload> {
  // The client may go away while the folder is being made: an 'error' with no listener yet would
  // take the process down. The stream keeps the error, and the pipeline below rejects with it.
  if (!Buffer.isBuffer(body)) body.once('error', () => undefined);
  await mkdir(dir, { recursive: true, mode: 0o700 });
  const path = join(dir, `${randomUUID()}${INCOMING_SUFFIX}`);
  const meter = new HashingMeter(maxBytes);
  const source = Buffer.isBuffer(body) ? Readable.from([body]) : body;
  const discard = () => unlink(path).catch(() => undefined);
  try {
    // `flush: true` fsyncs before close: the store renames this file into place as it is.
    await pipeline(
      source,
      meter,
      createWriteStream(path, { flags: 'wx', mode: 0o600, flush: true }),
    );
  } catch (error) {
    await discard();
    if (error instanceof EvidenceTooLargeError) throw error;
    if (isPrematureEnd(error)) throw new UploadAbortedError();
    throw error;
  }
  return { path, sha256: meter.digest(), sizeBytes: meter.bytes, discard };
}

/**
 * Reads `body` into memory for parsers that need the whole file, failing with `tooLarge()` as
 * soon as one byte passes `maxBytes` (never buffering more than the cap), and with
 * `UploadAbortedError` when the client goes away. Callers check the target before calling.
 */
export async function readUpload(
  body: UploadBody,
  maxBytes: number,
  tooLarge: () => Error,
): Promise<Buffer> {
  if (Buffer.isBuffer(body)) {
    if (body.length > maxBytes) throw tooLarge();
    return body;
  }
  const chunks: Buffer[] = [];
  let bytes = 0;
  try {
    // Not destroyed when refused: that would cut the socket before the refusal is answered.
    for await (const chunk of body.iterator({ destroyOnReturn: false }) as AsyncIterable<Buffer>) {
      bytes += chunk.length;
      if (bytes > maxBytes) throw tooLarge();
      chunks.push(chunk);
    }
  } catch (error) {
    if (isPrematureEnd(error)) throw new UploadAbortedError();
    throw error;
  }
  return Buffer.concat(chunks, bytes);
}

/**
 * Deletes temporary uploads last touched before `before`: what a crash or a killed process left.
 * Uploads in progress are younger than any sensible cutoff (requests time out in seconds).
 */
export async function removeStaleUploads(dir: string, before: Date): Promise<number> {
  let names: string[];
  try {
    names = await readdir(dir);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return 0;
    throw error;
  }
  let removed = 0;
  for (const name of names.filter((n) => n.endsWith(INCOMING_SUFFIX))) {
    const info = await stat(join(dir, name)).catch(() => undefined);
    if (info?.isFile() && info.mtime < before) {
      await unlink(join(dir, name)).catch(() => undefined);
      removed++;
    }
  }
  return removed;
}

/** Counts and hashes what passes through, and fails as soon as the count passes the cap. */
class HashingMeter extends Transform {
  bytes = 0;
  private readonly hash = createHash('sha256');

  constructor(private readonly maxBytes: number) {
    super();
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, done: TransformCallback): void {
    this.bytes += chunk.length;
    if (this.bytes > this.maxBytes) {
      done(new EvidenceTooLargeError(this.maxBytes));
      return;
    }
    this.hash.update(chunk);
    done(null, chunk);
  }

  digest(): string {
    return this.hash.digest('hex');
  }
}

function isPrematureEnd(error: unknown): boolean {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  return (
    code === 'ERR_STREAM_PREMATURE_CLOSE' ||
    code === 'ECONNRESET' ||
    code === 'ECONNABORTED' ||
    (error instanceof Error && error.message === 'aborted')
  );
}
