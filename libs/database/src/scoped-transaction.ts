import type { DataSource, EntityManager, QueryRunner } from 'typeorm';

/**
 * One transaction on one connection with transaction-local settings (`set_config(..., true)` is
 * SET LOCAL with bind parameters): they end with the transaction, so nothing survives on a pooled
 * connection. `role` switches to a non-bypassing role, so row-level security applies.
 */
export async function runScopedTransaction<T>(
  dataSource: DataSource,
  settings: Readonly<Record<string, string>>,
  work: (manager: EntityManager, runner: QueryRunner) => Promise<T>,
): Promise<T> {
  const runner = dataSource.createQueryRunner();
  try {
    await runner.connect();
    await runner.startTransaction();
    const entries = Object.entries(settings);
    const calls = entries.map((_, i) => `set_config($${2 * i + 1}, $${2 * i + 2}, true)`);
    await runner.query(`SELECT ${calls.join(', ')}`, entries.flat());
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
