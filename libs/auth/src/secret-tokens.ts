import { createHash, randomBytes } from 'node:crypto';

/**
 * Opaque secrets handed to people (refresh tokens, invitation and reset links, API keys): 256 bits
 * from the CSPRNG, URL-safe. Only their SHA-256 is stored, so a database leak reveals none; a
 * plain hash suffices because the secrets are random, not chosen by people.
 */
export function newSecretToken(): string {
  return randomBytes(32).toString('base64url');
}

export function hashSecretToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}
