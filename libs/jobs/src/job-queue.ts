import { RequestContext, SYSTEM_ACTOR } from '@app/common';
import {
  APP_ROLE,
  embeddedPoolOf,
  IDENTITY_ROLE,
  JOBS_ROLE,
  loginUrl,
  TenantDatabase,
} from '@app/database';
import { Injectable, Logger } from '@nestjs/common';
import { PgBoss } from 'pg-boss';
import { DataSource } from 'typeorm';
import {
  deadLetterQueueOf,
  type JobDefinition,
  type JobEnvelope,
  type JobHandler,
} from './job-definition.js';
import { embeddedBossDatabase, transactionBossDatabase } from './pg-boss-adapters.js';

export const BOSS_SCHEMA = 'pgboss';
const STOP_TIMEOUT_MS = 20_000;

interface Registration {
  readonly definition: JobDefinition<object>;
  readonly handler: JobHandler<object>;
}

/**
 * The durable job queue (pg-boss on the same PostgreSQL). Jobs carry the tenant and correlation id
 * of whoever sent them and run inside that context again, so a handler reaches tenant data through
 * row-level security exactly like a request does.
 */
@Injectable()
export class JobQueue {
  private readonly logger = new Logger(JobQueue.name);
  private readonly registrations = new Map<string, Registration>();
  private readonly startHooks: (() => Promise<void>)[] = [];
  private readonly boss: PgBoss;
  private started = false;

  constructor(
    dataSource: DataSource,
    private readonly db: TenantDatabase,
    private readonly context: RequestContext,
  ) {
    const pool = embeddedPoolOf(dataSource);
    const url = 'url' in dataSource.options ? dataSource.options.url : undefined;
    this.boss = pool
      ? new PgBoss({ db: embeddedBossDatabase(pool), backend: 'pglite', schema: BOSS_SCHEMA })
      : new PgBoss({
          // The data source's server (tests point it at a database of their own), logged in as
          // the role that owns the queue; `npm run db:migrate` installs and upgrades its schema.
          connectionString: url ? loginUrl(url, JOBS_ROLE) : undefined,
          schema: BOSS_SCHEMA,
          migrate: false,
          max: 4,
        });
    this.boss.on('error', (error: Error) => this.logger.error(error, 'job queue error'));
  }

  /** Declares a queue and what runs its jobs; call before the application starts. */
  register<TData extends object>(
    definition: JobDefinition<TData>,
    handler: JobHandler<TData>,
  ): void {
    if (this.started) throw new Error(`Register ${definition.name} before the job queue starts.`);
    this.registrations.set(definition.name, {
      definition,
      handler: handler as JobHandler<object>,
    });
  }

  /** Creates the queue schema and queues; with `runWorkers`, also starts fetching jobs. */
  async start(runWorkers: boolean): Promise<void> {
    await this.boss.start();
    this.started = true;
    for (const { definition } of this.registrations.values()) {
      await this.boss.createQueue(deadLetterQueueOf(definition));
      await this.boss.createQueue(definition.name, {
        retryLimit: definition.retryLimit,
        retryDelay: definition.retryDelaySeconds,
        retryBackoff: true,
        retryDelayMax: definition.retryDelayMaxSeconds,
        expireInSeconds: definition.expireInSeconds,
        deadLetter: deadLetterQueueOf(definition),
      });
    }
    await this.grantSendToAppRoles();
    for (const hook of this.startHooks) await hook();
    if (runWorkers) {
      for (const registration of this.registrations.values()) await this.startWorker(registration);
    }
  }

  /** Runs once the queues exist (e.g. to upsert a schedule). */
  onStart(hook: () => Promise<void>): void {
    this.startHooks.push(hook);
  }

  /** Lets running jobs finish (up to a timeout), then closes the queue's connections. */
  async stop(): Promise<void> {
    if (!this.started) return;
    this.started = false;
    await this.boss.stop({ graceful: true, timeout: STOP_TIMEOUT_MS, close: true });
  }

  /**
   * Enqueues a job in the caller's tenant context. Inside an open transaction the job is written
   * by that transaction, so it exists only if the caller's change commits.
   */
  async send<TData extends object>(
    definition: JobDefinition<TData>,
    data: TData,
    options: { startAfterSeconds?: number; singletonKey?: string } = {},
  ): Promise<string | null> {
    const envelope: JobEnvelope<TData> = {
      tenantId: this.context.hasTenant ? this.context.tenantId : null,
      correlationId: this.context.correlationId ?? null,
      data,
    };
    const runner = this.db.currentRunner();
    return this.boss.send(definition.name, envelope, {
      startAfter: options.startAfterSeconds,
      singletonKey: options.singletonKey,
      ...(runner ? { db: transactionBossDatabase(runner) } : {}),
    });
  }

  /** Enqueues a job for a tenant named by trusted code (a fan-out), not by the caller's context. */
  sendAs<TData extends object>(
    tenantId: string,
    definition: JobDefinition<TData>,
    data: TData,
    options: { startAfterSeconds?: number; singletonKey?: string } = {},
  ): Promise<string | null> {
    return this.context.run({ tenantId }, () => this.send(definition, data, options));
  }

  /** Runs `definition` on a cron schedule (UTC), as a system job without a tenant. */
  async schedule<TData extends object>(
    definition: JobDefinition<TData>,
    cron: string,
    data: TData,
  ): Promise<void> {
    const envelope: JobEnvelope<TData> = { tenantId: null, correlationId: null, data };
    await this.boss.schedule(definition.name, cron, envelope);
  }

  /** The queue's own view of a job: for operations and tests. */
  async findJob(definition: JobDefinition<object>, id: string) {
    return this.boss.getJobById(definition.name, id);
  }

  private async startWorker({ definition, handler }: Registration): Promise<void> {
    const options = { pollingIntervalSeconds: definition.pollingIntervalSeconds };
    await this.boss.work<JobEnvelope<object>>(definition.name, options, async ([job]) => {
      if (!job) return;
      const { tenantId, correlationId, data } = job.data;
      await this.context.run(
        {
          tenantId: tenantId ?? undefined,
          actor: SYSTEM_ACTOR,
          correlationId: correlationId ?? job.id,
        },
        () => handler(data),
      );
    });
  }

  /**
   * Tenant and identity transactions run as non-bypassing roles; to enqueue inside them, those
   * roles may read queue settings (the insert applies them), insert into the queues' job tables
   * and read back only the ids they get, never job payloads.
   */
  private async grantSendToAppRoles(): Promise<void> {
    const db = this.boss.getDb();
    const { rows } = await db.executeSql(
      `SELECT DISTINCT table_name FROM ${BOSS_SCHEMA}.queue ORDER BY table_name`,
    );
    const tables = (rows as { table_name: string }[]).map((row) => row.table_name);
    const grants = tables.map(
      (table) =>
        `GRANT INSERT, SELECT (id, start_after) ON ${BOSS_SCHEMA}."${table}" TO ${APP_ROLE}, ${IDENTITY_ROLE};`,
    );
    await db.executeSql(
      [
        `GRANT USAGE ON SCHEMA ${BOSS_SCHEMA} TO ${APP_ROLE};`,
        `GRANT USAGE ON SCHEMA ${BOSS_SCHEMA} TO ${IDENTITY_ROLE};`,
        `GRANT SELECT ON ${BOSS_SCHEMA}.queue TO ${APP_ROLE}, ${IDENTITY_ROLE};`,
        ...grants,
      ].join('\n'),
    );
  }
}
