import { InvalidAuditSummaryError } from './audit.errors.js';

const MAX_SUMMARY_BYTES = 8 * 1024;
const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

function check(value: unknown, path: string): void {
  if (typeof value === 'string') {
    // PostgreSQL rejects NUL and silently replaces lone surrogates, which would break the hash.
    if (value.includes('\u0000') || !value.isWellFormed()) {
      throw new InvalidAuditSummaryError(`${path} is not well-formed text`);
    }
    return;
  }
  if (typeof value === 'number') {
    if (!Number.isFinite(value))
      throw new InvalidAuditSummaryError(`${path} is not a finite number`);
    return;
  }
  if (value === null || typeof value === 'boolean') return;
  if (Array.isArray(value)) {
    value.forEach((item, index) => check(item, `${path}[${index}]`));
    return;
  }
  if (typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) {
    for (const [key, item] of Object.entries(value)) {
      if (FORBIDDEN_KEYS.has(key)) throw new InvalidAuditSummaryError(`${path} has key ${key}`);
      check(key, `${path} key`);
      check(item, `${path}.${key}`);
    }
    return;
  }
  throw new InvalidAuditSummaryError(`${path} is not plain JSON`);
}

/** Validates before hashing: what is hashed must be exactly what PostgreSQL stores. */
export function assertValidSummary(summary: Record<string, unknown>): void {
  check(summary, 'summary');
  if (Buffer.byteLength(JSON.stringify(summary)) > MAX_SUMMARY_BYTES) {
    throw new InvalidAuditSummaryError(`it is larger than ${MAX_SUMMARY_BYTES} bytes`);
  }
}
