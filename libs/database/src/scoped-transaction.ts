import pg from 'pg';
import { type DataSource, type EntityManager, QueryFailedError, type QueryRunner } from 'typeorm';

/** What both drivers' connections answer to parameterless SQL: one result, or one per statement. */
interface DriverConnection {
  query(sql: string): Promise<DriverResult | DriverResult[]>;
}

interface DriverResult {
  rows: Record<string, unknown>[];
}

const SEARCH_PATH = 'public, pg_temp';

/**
 * `SELECT set_config(...)` with the values as escaped literals rather than bind parameters, so
 * that it can share one message (one round trip) with the statements around it.
 */
function settingsStatement(settings: Readonly<Record<string, string>>): string {
  // Every unit of work resolves names in public before the session's temporary schema, whatever
  // an earlier statement on this pooled connection set for the session: a temporary table named
  // like one of ours (an injected CREATE TEMP TABLE) can then never capture another request's
  // reads or writes.
  const calls = Object.entries({ search_path: SEARCH_PATH, ...settings }).map(
    ([name, value]) => `set_config(${pg.escapeLiteral(name)}, ${pg.escapeLiteral(value)}, true)`,
  );
  return `SELECT ${calls.join(', ')}`;
}

/**
 * One transaction on one connection with transaction-local settings (`set_config(..., true)` is
 * SET LOCAL): they end with the transaction, so nothing survives on a pooled connection. `role`
 * switches to a non-bypassing role, so row-level security applies.
 */
export async function runScopedTransaction<T>(
  dataSource: DataSource,
  settings: Readonly<Record<string, string>>,
  work: (manager: EntityManager, runner: QueryRunner) => Promise<T>,
): Promise<T> {
  const runner = dataSource.createQueryRunner();
  try {
    await runner.connect();
    // TypeORM's own bookkeeping, as its startTransaction() sets it (and before the statement, so
    // a failure below still rolls back): save() then joins this transaction instead of opening
    // and committing one of its own, and a nested manager.transaction() takes a savepoint.
    Object.assign(runner, { isTransactionActive: true, transactionDepth: 1 });
    // One message opens the transaction and applies the settings: a round trip fewer than
    // START TRANSACTION followed by set_config.
    await runner.query(`START TRANSACTION; ${settingsStatement(settings)}`);
    const result = await work(runner.manager, runner);
    await runner.commitTransaction();
    return result;
  } catch (error) {
    if (runner.isTransactionActive) await runner.rollbackTransaction();
    throw error;
  } finally {
    await runner.release();
  }
}

/**
 * One parameterless statement with the same settings, sent as a single message: PostgreSQL runs
 * the statements of one simple-query message as one implicit transaction, so the settings apply
 * to the read and end with it. One round trip instead of four (BEGIN, set_config, read, COMMIT).
 */
export async function runScopedRead<T>(
  dataSource: DataSource,
  settings: Readonly<Record<string, string>>,
  sql: string,
): Promise<T[]> {
  const runner = dataSource.createQueryRunner();
  const message = `${settingsStatement(settings)}; ${sql}`;
  try {
    const connection = (await runner.connect()) as DriverConnection;
    // node-postgres answers one result per statement; the embedded pool answers the last one.
    const results = await connection.query(message).catch((error: unknown) => {
      // As TypeORM reports a failed statement, so errors are mapped the same on every path.
      throw new QueryFailedError(message, [], error as Error);
    });
    const last = Array.isArray(results) ? results[results.length - 1] : results;
    return last.rows as T[];
  } finally {
    await runner.release();
  }
}
