import type { PglitePool } from '@app/database';
import { type Db as IDatabase, fromPglite } from 'pg-boss';
import type { QueryRunner } from 'typeorm';

/**
 * pg-boss over the embedded database: pg-boss's own PGlite adapter (multi-statement results,
 * recovery from aborted transactions), with every statement waiting for the pool's single session
 * so it never lands inside someone else's transaction.
 */
export function embeddedBossDatabase(pool: PglitePool): IDatabase {
  const adapter = fromPglite(pool.db);
  return {
    executeSql: (text, values) => pool.withConnection(() => adapter.executeSql(text, values)),
  };
}

/** pg-boss inside an open TypeORM transaction: the job commits or rolls back with the caller. */
export function transactionBossDatabase(runner: QueryRunner): IDatabase {
  return {
    executeSql: async (text, values) => {
      const result = await runner.query(text, values, true);
      return { rows: (result.records ?? []) as Record<string, unknown>[] };
    },
  };
}
