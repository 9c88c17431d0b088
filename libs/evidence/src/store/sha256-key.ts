import { createHash } from 'node:crypto';
import { EvidenceKeyInvalidError } from '../evidence.errors.js';

const SHA256_HEX = /^[0-9a-f]{64}$/;

export function sha256Hex(content: Buffer): string {
  return createHash('sha256').update(content).digest('hex');
}

/** Keys become file paths: anything but 64 lowercase hex digits (say `../../etc/passwd`) is refused. */
export function assertSha256Key(sha256: string): void {
  if (typeof sha256 !== 'string' || !SHA256_HEX.test(sha256)) throw new EvidenceKeyInvalidError();
}
