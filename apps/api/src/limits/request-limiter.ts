import type { Principal } from '@app/auth';
import { RateLimitedError } from '@app/common';
import { APP_CONFIG, type AppConfig } from '@app/config';
import { type RateBucket, RateLimits, type RateRefusal } from '@app/database';
import { Inject, Injectable } from '@nestjs/common';
import type { Request } from 'express';

const MINUTE = 60;

export class TooManyRequestsError extends RateLimitedError {
  constructor(retryAfterSeconds: number) {
    super('TOO_MANY_REQUESTS', `Too many requests. Try again in ${retryAfterSeconds} seconds.`, {
      retryAfterSeconds,
    });
  }
}

type Verdicts = Map<string, Promise<RateRefusal | undefined>>;

/**
 * The general request budget: per credential (a person, whichever session or organization, or
 * one API key) and per tenant for signed-in calls, per client address for the open ones. Counted
 * once per HTTP request however many root fields it holds, in the database every API process
 * shares.
 */
@Injectable()
export class RequestLimiter {
  private readonly verdicts = new WeakMap<Request, Verdicts>();

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly limits: RateLimits,
  ) {}

  /** Spends one request from the caller's budgets, or throws TooManyRequestsError. */
  async admit(request: Request, principal: Principal | undefined): Promise<void> {
    const buckets = principal ? this.signedIn(principal) : this.anonymous(request);
    let verdicts = this.verdicts.get(request);
    if (!verdicts) {
      verdicts = new Map();
      this.verdicts.set(request, verdicts);
    }
    const name = buckets[0].key;
    let verdict = verdicts.get(name);
    if (!verdict) {
      verdict = this.limits.consume(buckets);
      verdicts.set(name, verdict);
    }
    const refusal = await verdict;
    if (refusal) throw new TooManyRequestsError(refusal.retryAfterSeconds);
  }

  private signedIn(principal: Principal): RateBucket[] {
    const { perCredentialPerMinute, perTenantPerMinute } = this.config.rateLimits;
    return [
      {
        key: `${principal.actor.type}:${principal.actor.id}`,
        limit: perCredentialPerMinute,
        windowSeconds: MINUTE,
      },
      { key: `tenant:${principal.tenantId}`, limit: perTenantPerMinute, windowSeconds: MINUTE },
    ];
  }

  private anonymous(request: Request): RateBucket[] {
    const address = request.ip ?? request.socket.remoteAddress ?? 'unknown';
    return [
      {
        key: `address:${address}`,
        limit: this.config.rateLimits.perAddressPerMinute,
        windowSeconds: MINUTE,
      },
    ];
  }
}
