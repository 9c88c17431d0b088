import { createHash } from 'node:crypto';
import { RateLimitedError } from '@app/common';
import { APP_CONFIG, type AppConfig } from '@app/config';
import { type RateBucket, RateLimits, type RateRefusal } from '@app/database';
import { Inject, Injectable } from '@nestjs/common';
import type { Request } from 'express';
import type { Credential } from './request-credentials.js';

const MINUTE = 60;
/**
 * A credential may spend at most a sixth of its minute in any 10 seconds: the budget is for a
 * steady pace, and a burst of a whole minute's requests at once would crowd out other tenants.
 */
const BURST_SECONDS = 10;
const BURST_SHARE = BURST_SECONDS / MINUTE;

export class TooManyRequestsError extends RateLimitedError {
  constructor(readonly retryAfterSeconds: number) {
    super('TOO_MANY_REQUESTS', `Too many requests. Try again in ${retryAfterSeconds} seconds.`, {
      retryAfterSeconds,
    });
  }
}

type Verdicts = Map<string, Promise<RateRefusal | undefined>>;

/** The bearer credential as sent, digested (it is a secret). */
function sentCredential(request: Request): string | undefined {
  const header = request.headers.authorization;
  return header ? `sent:${createHash('sha256').update(header).digest('hex')}` : undefined;
}

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

  /**
   * Before any authentication work: a credential this process refused a moment ago, sent again
   * as is, is refused again at no cost. Keyed by what the client sent, so a forged header can
   * only ever refuse the request that carries it.
   */
  knownFlood(request: Request): TooManyRequestsError | undefined {
    const sent = sentCredential(request);
    const refusal = sent && this.limits.remembered([sent]);
    return refusal ? new TooManyRequestsError(refusal.retryAfterSeconds) : undefined;
  }

  /**
   * Spends one request from the caller's budgets, or throws TooManyRequestsError. Once per
   * request and set of budgets: the flood gate's count and the guard's are the same one.
   */
  async admit(request: Request, principal: Credential | undefined): Promise<void> {
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
    if (!refusal) return;
    const sent = principal && sentCredential(request);
    if (sent) this.limits.rememberAs(sent, refusal);
    throw new TooManyRequestsError(refusal.retryAfterSeconds);
  }

  private signedIn(principal: Credential): RateBucket[] {
    const { perCredentialPerMinute, perTenantPerMinute } = this.config.rateLimits;
    const credential = `${principal.actor.type}:${principal.actor.id}`;
    return [
      {
        key: `${credential}:burst`,
        limit: Math.max(1, Math.ceil(perCredentialPerMinute * BURST_SHARE)),
        windowSeconds: BURST_SECONDS,
      },
      {
        key: credential,
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
