import type { DataSource } from 'typeorm';

const MIGRATE_FIRST =
  'Run `npm run db:migrate` (the migrate service in docker/compose.yaml) before starting the API or the worker.';

/** Thrown when a serving process finds the server's schema behind (or ahead of) its build. */
export class StaleSchemaError extends Error {
  constructor(problem: string, remedy = MIGRATE_FIRST) {
    super(`The database schema is not current: ${problem}. ${remedy}`);
    this.name = 'StaleSchemaError';
  }
}

function listed(names: readonly string[]): string {
  return names.length > 3
    ? `${names.slice(0, 3).join(', ')} and ${names.length - 3} more`
    : names.join(', ');
}

/**
 * Serving processes on a server never migrate: they refuse to start unless every migration of
 * this build is applied and none they do not know.
 */
export async function verifySchemaCurrent(dataSource: DataSource): Promise<void> {
  const expected = dataSource.migrations.map((m) => m.name ?? m.constructor.name);
  let applied: string[];
  try {
    const rows = await dataSource.query<{ name: string }[]>(`SELECT name FROM migrations`);
    applied = rows.map((row) => row.name);
  } catch (error) {
    const code = (error as { driverError?: { code?: string } }).driverError?.code;
    // No migrations table yet: a new database.
    if (code === '42P01')
      throw new StaleSchemaError(`no migrations are applied (${expected.length} pending)`);
    // The app role may read it only from the migration that made roles log in on their own.
    if (code === '42501')
      throw new StaleSchemaError('an older Cascade migrated it (its migrations are hidden)');
    throw error;
  }
  const pending = expected.filter((name) => !applied.includes(name));
  if (pending.length > 0) {
    throw new StaleSchemaError(`${pending.length} migration(s) pending: ${listed(pending)}`);
  }
  const unknown = applied.filter((name) => !expected.includes(name));
  if (unknown.length > 0) {
    throw new StaleSchemaError(
      `it has migration(s) this build does not know (${listed(unknown)})`,
      'A newer Cascade migrated it: deploy that version.',
    );
  }
}
