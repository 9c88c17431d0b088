import { JOBS_ROLE } from '@app/database';
import { PgBoss } from 'pg-boss';
import type pg from 'pg';
import type { DataSource, QueryRunner } from 'typeorm';
import { BOSS_SCHEMA } from './job-queue.js';

/**
 * The migrate step on a server: installs or upgrades the job queue's schema, owned by the jobs
 * role (so serving processes, which log in as it, never need the owner), from the owner's
 * connection switched to that role.
 */
export async function installJobQueue(owner: DataSource): Promise<void> {
  const runner = owner.createQueryRunner();
  // node-postgres itself: pg-boss needs every statement's rows of a multi-statement query.
  const client = (await runner.connect()) as pg.ClientBase;
  try {
    await runner.query(`CREATE SCHEMA IF NOT EXISTS ${BOSS_SCHEMA} AUTHORIZATION ${JOBS_ROLE}`);
    // pg-boss runs CREATE SCHEMA IF NOT EXISTS, which checks this privilege before existence.
    await onDatabase(runner, `GRANT CREATE ON DATABASE %I TO ${JOBS_ROLE}`);
    await runner.query(`SET ROLE ${JOBS_ROLE}`);
    const boss = new PgBoss({
      db: { executeSql: (text, values) => client.query(text, values) },
      schema: BOSS_SCHEMA,
      migrate: true,
      supervise: false,
      schedule: false,
    });
    await boss.start();
    await boss.stop({ graceful: false, close: false });
    await runner.query(`RESET ROLE`);
    await onDatabase(runner, `REVOKE CREATE ON DATABASE %I FROM ${JOBS_ROLE}`);
  } finally {
    // After a failure the session may still be switched: the caller destroys this pool.
    await runner.release();
  }
}

function onDatabase(runner: QueryRunner, statement: string): Promise<unknown> {
  return runner.query(`DO $$ BEGIN EXECUTE format('${statement}', current_database()); END $$`);
}
