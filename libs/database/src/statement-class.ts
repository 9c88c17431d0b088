import type { Actor } from '@app/common';
import type { AppConfig } from '@app/config';

/**
 * Context slot set while an expensive operation runs (see TenantSingleFlight): its statements
 * get the longer background limit, since the operation is already one at a time per tenant.
 */
export const EXPENSIVE_OPERATION = Symbol('cascade.expensiveOperation');

/**
 * The statement timeout for a tenant transaction, by class of work: a person's or an
 * integration's ordinary request is cut at the short request limit, so a runaway read cannot
 * hold a connection others wait for; background jobs and expensive operations keep the
 * connection's longer default (nothing to add).
 */
export function statementTimeoutFor(
  config: AppConfig,
  actor: Actor,
  expensive: boolean,
): number | undefined {
  if (actor.type === 'system' || expensive) return undefined;
  return config.database.requestStatementTimeoutMs;
}
