import { Injectable } from '@nestjs/common';
import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';
import { LoginThrottledError } from './auth.errors.js';

/** Attempts allowed per account per minute: the next one is refused, even with the right password. */
export const FAILURES_PER_ACCOUNT = 10;
const FAILURES_PER_ADDRESS = 50;
const WINDOW_SECONDS = 60;

/**
 * Limits guesses per account (or other key) and per client address. Each call spends a point
 * before anything is checked, so parallel attempts cannot slip past the limit; a success gives it
 * back. 15 aliased logins in one request are 15 calls. Counters live in this process; several API
 * processes each enforce their own.
 */
@Injectable()
export class LoginThrottle {
  private readonly perKey = new RateLimiterMemory({
    points: FAILURES_PER_ACCOUNT,
    duration: WINDOW_SECONDS,
  });
  private readonly perAddress = new RateLimiterMemory({
    points: FAILURES_PER_ADDRESS,
    duration: WINDOW_SECONDS,
  });

  /** Spends one attempt for the key and the address, or refuses when either has none left. */
  async attempt(key: string, address: string | undefined): Promise<void> {
    try {
      await this.perKey.consume(key);
      if (address) await this.perAddress.consume(address);
    } catch (error) {
      if (!(error instanceof RateLimiterRes)) throw error;
      throw new LoginThrottledError(Math.max(1, Math.ceil(error.msBeforeNext / 1000)));
    }
  }

  /** A successful attempt: the key starts afresh and the address gets its point back. */
  async succeeded(key: string, address: string | undefined): Promise<void> {
    await this.perKey.delete(key);
    if (address) await this.perAddress.reward(address, 1);
  }
}
