import type { QueryRunner } from 'typeorm';

/**
 * Context slot holding the runner of the transaction open in this async context, whichever role it
 * runs as. Code that must write inside the caller's transaction (the job queue) reads it; a second
 * transaction opened while one is open would wait forever for PGlite's single session.
 */
export const OPEN_TRANSACTION = Symbol('cascade.openTransaction');

export interface OpenTransaction {
  readonly runner: QueryRunner;
  /** Set for tenant transactions, which nested tenant work may join. */
  readonly tenantId?: string;
}

export class NestedTransactionError extends Error {
  constructor() {
    super('A transaction is already open in this context; do this work inside it or after it.');
    this.name = 'NestedTransactionError';
  }
}
