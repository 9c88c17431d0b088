import { Injectable } from '@nestjs/common';
import { RateLimiterMemory } from 'rate-limiter-flexible';
import { LoginThrottledError } from './auth.errors.js';

/** Failures allowed per account per minute: the next attempt is refused, even with the right password. */
export const FAILURES_PER_ACCOUNT = 10;
const FAILURES_PER_ADDRESS = 50;
const WINDOW_SECONDS = 60;

/**
 * Counts failed sign-ins per account and per client address, once per login call (15 aliased
 * logins in one request are 15 attempts). Counters live in this process; several API processes
 * each enforce their own.
 */
@Injectable()
export class LoginThrottle {
  private readonly perAccount = new RateLimiterMemory({
    points: FAILURES_PER_ACCOUNT,
    duration: WINDOW_SECONDS,
  });
  private readonly perAddress = new RateLimiterMemory({
    points: FAILURES_PER_ADDRESS,
    duration: WINDOW_SECONDS,
  });

  /** Refuses the attempt when the account or the address has used up its failures. */
  async assertAllowed(accountKey: string, address: string | undefined): Promise<void> {
    const checks: [RateLimiterMemory, string, number][] = [
      [this.perAccount, accountKey, FAILURES_PER_ACCOUNT],
      ...(address
        ? [[this.perAddress, address, FAILURES_PER_ADDRESS] as [RateLimiterMemory, string, number]]
        : []),
    ];
    for (const [limiter, key, limit] of checks) {
      const state = await limiter.get(key);
      if (state && state.consumedPoints >= limit) {
        throw new LoginThrottledError(Math.max(1, Math.ceil(state.msBeforeNext / 1000)));
      }
    }
  }

  async recordFailure(accountKey: string, address: string | undefined): Promise<void> {
    await this.perAccount.penalty(accountKey, 1);
    if (address) await this.perAddress.penalty(address, 1);
  }

  async recordSuccess(accountKey: string): Promise<void> {
    await this.perAccount.delete(accountKey);
  }
}
