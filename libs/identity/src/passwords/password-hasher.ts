import { hash, verify } from '@node-rs/argon2';

/** `Algorithm.Argon2id`: the package exports its enum as a const enum, which isolated modules cannot read. */
const ARGON2ID = 2;

/** OWASP's argon2id baseline (m = 19 MiB, t = 2, p = 1): ~6 ms per hash on these machines. */
const PARAMETERS = { algorithm: ARGON2ID, memoryCost: 19_456, timeCost: 2, parallelism: 1 };
const CURRENT = `$argon2id$v=19$m=${PARAMETERS.memoryCost},t=${PARAMETERS.timeCost},p=${PARAMETERS.parallelism}$`;

/** Verified against when no account matches, so a missing account costs the same time. */
let dummyHash: Promise<string> | undefined;

export function hashPassword(password: string): Promise<string> {
  return hash(password, PARAMETERS);
}

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password);
  } catch {
    return false;
  }
}

/** Spends the time a real verification would, and always fails. */
export async function verifyNoAccount(password: string): Promise<false> {
  dummyHash ??= hashPassword('no-such-account-dummy-password');
  await verifyPassword(await dummyHash, password);
  return false;
}

/** True when the hash was made with weaker parameters than today's: rehash at sign-in. */
export function needsRehash(passwordHash: string): boolean {
  return !passwordHash.startsWith(CURRENT);
}
