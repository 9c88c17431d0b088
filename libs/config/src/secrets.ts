import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

interface StoredSecrets {
  jwtSecret: string;
  /** The audit chain's HMAC key (added to files written before it existed). */
  auditKey: string;
}

/**
 * Outside production, signing keys are generated once and kept in the data folder so that
 * tokens survive a restart and a newcomer has nothing to set up.
 */
export function loadOrCreateSecrets(dataDir: string): StoredSecrets {
  const file = join(dataDir, 'secrets.json');
  try {
    const stored = JSON.parse(readFileSync(file, 'utf8')) as Partial<StoredSecrets>;
    if (stored.jwtSecret && stored.auditKey) return stored as StoredSecrets;
    if (stored.jwtSecret) return addAuditKey(file, stored.jwtSecret);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  mkdirSync(dataDir, { recursive: true });
  const secrets: StoredSecrets = { jwtSecret: newSecret(), auditKey: newSecret() };
  // 'wx' so two first starts cannot overwrite each other's key.
  try {
    writeFileSync(file, JSON.stringify(secrets, null, 2), { mode: 0o600, flag: 'wx' });
    return secrets;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    return JSON.parse(readFileSync(file, 'utf8')) as StoredSecrets;
  }
}

function newSecret(): string {
  return randomBytes(48).toString('base64url');
}

/** A file from before the audit key: keep its signing key, add the audit key in place. */
function addAuditKey(file: string, jwtSecret: string): StoredSecrets {
  const secrets: StoredSecrets = { jwtSecret, auditKey: newSecret() };
  const temporary = `${file}.${process.pid}.tmp`;
  writeFileSync(temporary, JSON.stringify(secrets, null, 2), { mode: 0o600 });
  renameSync(temporary, file);
  return secrets;
}
