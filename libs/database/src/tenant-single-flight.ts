import { RateLimitedError, RequestContext } from '@app/common';
import { Injectable } from '@nestjs/common';
import { RateLimits } from './rate-limits.js';
import { EXPENSIVE_OPERATION } from './statement-class.js';

/** A crashed holder blocks its tenant's operation at most this long. */
const LEASE_SECONDS = 10 * 60;

export class OperationRunningError extends RateLimitedError {
  constructor(operation: string, retryAfterSeconds: number) {
    super(
      'ALREADY_RUNNING',
      `This organization's ${operation} is already running; try again when it has finished.`,
      { operation, retryAfterSeconds },
    );
  }
}

/**
 * Expensive operations (audit verification, score recomputes, imports, exports) run at most once
 * at a time per tenant, across every API process and worker: a second call while one runs is
 * refused with ALREADY_RUNNING (HTTP 429 with Retry-After) rather than queued behind it, so one
 * tenant cannot pile them up against the database others share.
 */
@Injectable()
export class TenantSingleFlight {
  constructor(
    private readonly limits: RateLimits,
    private readonly context: RequestContext,
  ) {}

  /**
   * Runs `work` for the context's tenant unless `operation` is already running for it; its
   * statements get the longer background timeout rather than an ordinary request's.
   */
  run<T>(operation: string, work: () => Promise<T>): Promise<T> {
    return this.limits.singleFlight(
      `flight:${operation}:${this.context.tenantId}`,
      LEASE_SECONDS,
      (refusal) => new OperationRunningError(operation, refusal.retryAfterSeconds),
      () =>
        this.context.run({}, () => {
          this.context.set(EXPENSIVE_OPERATION, true);
          return work();
        }),
    );
  }
}
