/** A key of the audit chain's HMAC, named by the id stored on each event it signed. */
export interface AuditKey {
  readonly id: string;
  readonly secret: string;
}

const KEY_ID = /^[A-Za-z0-9_-]{1,16}$/;
const MIN_SECRET_LENGTH = 32;

/**
 * `AUDIT_HMAC_KEYS`: `id:secret` pairs separated by commas, oldest first. New events are signed
 * with the last; the others stay to verify the events they signed. Returns the problems found,
 * each naming the variable, or the keys.
 */
export function parseAuditKeys(value: string): { keys: AuditKey[]; problems: string[] } {
  const keys: AuditKey[] = [];
  const problems: string[] = [];
  for (const [index, entry] of value.split(',').entries()) {
    const colon = entry.indexOf(':');
    const id = colon < 0 ? '' : entry.slice(0, colon).trim();
    const secret = colon < 0 ? '' : entry.slice(colon + 1).trim();
    if (!KEY_ID.test(id)) {
      problems.push(
        `AUDIT_HMAC_KEYS: entry ${index + 1} must be id:secret with an id of 1-16 letters, digits, - or _`,
      );
    } else if (secret.length < MIN_SECRET_LENGTH) {
      problems.push(`AUDIT_HMAC_KEYS: the secret of key ${id} must be at least 32 characters`);
    } else if (keys.some((key) => key.id === id)) {
      problems.push(`AUDIT_HMAC_KEYS: key ${id} is listed twice`);
    } else {
      keys.push({ id, secret });
    }
  }
  return { keys, problems };
}
