import { RateLimits } from '@app/database';
import { Injectable } from '@nestjs/common';
import { LoginThrottledError } from './auth.errors.js';

/** Attempts allowed per account per minute: the next one is refused, even with the right password. */
export const FAILURES_PER_ACCOUNT = 10;
const FAILURES_PER_ADDRESS = 50;
const WINDOW_SECONDS = 60;

/**
 * Limits guesses per account (or other key) and per client address. Each call spends a point
 * before anything is checked, so parallel attempts cannot slip past the limit; a success gives it
 * back. 15 aliased logins in one request are 15 calls. Counters live in the database, so every
 * API process shares them and a restart does not reset them.
 */
@Injectable()
export class LoginThrottle {
  constructor(private readonly limits: RateLimits) {}

  /** Spends one attempt for the key and the address, or refuses when either has none left. */
  async attempt(key: string, address: string | undefined): Promise<void> {
    const refusal = await this.limits.consume([
      { key: `login:${key}`, limit: FAILURES_PER_ACCOUNT, windowSeconds: WINDOW_SECONDS },
      ...(address
        ? [
            {
              key: `login-address:${address}`,
              limit: FAILURES_PER_ADDRESS,
              windowSeconds: WINDOW_SECONDS,
            },
          ]
        : []),
    ]);
    if (refusal) throw new LoginThrottledError(refusal.retryAfterSeconds);
  }

  /** A successful attempt: the key starts afresh and the address gets its point back. */
  async succeeded(key: string, address: string | undefined): Promise<void> {
    await this.limits.reset(`login:${key}`);
    if (address) await this.limits.giveBack(`login-address:${address}`);
  }
}
