import { type Actor, RequestContext } from '@app/common';
import { APP_CONFIG, type AppConfig } from '@app/config';
import { Inject, Injectable } from '@nestjs/common';
import { DataSource, type EntityManager, type QueryRunner } from 'typeorm';
import { ACTOR_SETTING, APP_ROLE, TENANT_SETTING, USER_SETTING } from './database.constants.js';
import {
  NestedTransactionError,
  OPEN_TRANSACTION,
  type OpenTransaction,
} from './open-transaction.js';
import { inlineParameters } from './inline-parameters.js';
import { runScopedRead, runScopedTransaction } from './scoped-transaction.js';
import { EXPENSIVE_OPERATION, statementTimeoutFor } from './statement-class.js';

/**
 * The only way to tenant data. Each unit of work is one transaction that switches to the
 * non-bypassing app role and sets the tenant from the context on the same connection that runs
 * the queries; row-level security then applies to every statement.
 */
@Injectable()
export class TenantDatabase {
  constructor(
    private readonly dataSource: DataSource,
    private readonly context: RequestContext,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** Runs `work` in a transaction for the context's tenant; nested calls join the open one. */
  async transaction<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    const tenantId = this.context.tenantId;
    const open = this.context.get<OpenTransaction>(OPEN_TRANSACTION);
    if (open) {
      if (open.tenantId === undefined) throw new NestedTransactionError();
      if (open.tenantId !== tenantId) {
        throw new Error('A transaction cannot switch tenants; start a new context instead.');
      }
      return work(open.runner.manager);
    }
    return this.context.run({}, () => this.runTransaction(tenantId, this.context.actor, work));
  }

  /** The same, for a tenant named by trusted code (provisioning, jobs), not by a request. */
  forTenant<T>(tenantId: string, work: (manager: EntityManager) => Promise<T>): Promise<T> {
    return this.context.run({ tenantId }, () => this.transaction(work));
  }

  /**
   * One read for the context's tenant in a single round trip (see runScopedRead): the dashboards'
   * statements, and the read every request makes (the caller's membership). `params` fill `$n`
   * as escaped literals. Inside an open transaction it joins that one.
   */
  async readInOneTrip<T>(sql: string, params: readonly unknown[] = []): Promise<T[]> {
    const tenantId = this.context.tenantId;
    if (this.context.get<OpenTransaction>(OPEN_TRANSACTION)) {
      return this.transaction((manager) => manager.query<T[]>(sql, [...params]));
    }
    return runScopedRead<T>(
      this.dataSource,
      this.settings(tenantId, this.context.actor),
      inlineParameters(sql, params),
    );
  }

  /** Hands the open transaction's runner to code that needs raw access (the job queue). */
  currentRunner(): QueryRunner | undefined {
    return this.context.get<OpenTransaction>(OPEN_TRANSACTION)?.runner;
  }

  private runTransaction<T>(
    tenantId: string,
    actor: Actor,
    work: (manager: EntityManager) => Promise<T>,
  ): Promise<T> {
    return runScopedTransaction(
      this.dataSource,
      this.settings(tenantId, actor),
      (manager, runner) => {
        this.context.set(OPEN_TRANSACTION, { tenantId, runner } satisfies OpenTransaction);
        return work(manager);
      },
    );
  }

  private settings(tenantId: string, actor: Actor): Record<string, string> {
    const timeoutMs = statementTimeoutFor(
      this.config,
      actor,
      this.context.get<boolean>(EXPENSIVE_OPERATION) === true,
    );
    return {
      role: APP_ROLE,
      [TENANT_SETTING]: tenantId,
      [ACTOR_SETTING]: `${actor.type}:${actor.id}`,
      [USER_SETTING]: actor.type === 'user' ? actor.id : '',
      // Transaction-local like the rest: it ends with the transaction, on every pool.
      ...(timeoutMs === undefined ? {} : { statement_timeout: String(timeoutMs) }),
    };
  }
}
