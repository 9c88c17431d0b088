import type { DataSource } from 'typeorm';
import { APP_ROLE, IDENTITY_ROLE, LIMITER_ROLE, PLATFORM_ROLE } from './database.constants.js';

/** Thrown at boot when the database would not enforce what Cascade promises. */
export class UnsafeDatabaseError extends Error {
  constructor(problems: string[]) {
    super(
      `The database is not safe to serve tenants:\n${problems.map((p) => `  - ${p}`).join('\n')}`,
    );
    this.name = 'UnsafeDatabaseError';
  }
}

interface RoleRow {
  rolsuper: boolean;
  rolbypassrls: boolean;
  owned: string;
}

/**
 * Refuses to serve when row-level security could be bypassed (the app role is a superuser, may
 * bypass RLS or owns tables) or, on a server, when committed data could be lost on a crash.
 */
export async function verifyDatabasePosture(
  dataSource: DataSource,
  isServer: boolean,
): Promise<void> {
  const problems: string[] = [];
  for (const roleName of [APP_ROLE, PLATFORM_ROLE, IDENTITY_ROLE, LIMITER_ROLE]) {
    const [role] = await dataSource.query<RoleRow[]>(
      `SELECT r.rolsuper, r.rolbypassrls,
              (SELECT count(*) FROM pg_tables t WHERE t.tableowner = r.rolname)::text AS owned
         FROM pg_roles r WHERE r.rolname = $1`,
      [roleName],
    );
    if (!role) problems.push(`role ${roleName} is missing (run the migrations)`);
    else {
      if (role.rolsuper) problems.push(`role ${roleName} is a superuser`);
      if (role.rolbypassrls) problems.push(`role ${roleName} has BYPASSRLS`);
      if (role.owned !== '0') problems.push(`role ${roleName} owns tables, so it would skip RLS`);
    }
  }
  if (isServer) {
    for (const setting of ['fsync', 'synchronous_commit', 'full_page_writes']) {
      const [row] = await dataSource.query<{ value: string }[]>(
        `SELECT current_setting($1) AS value`,
        [setting],
      );
      if (row?.value !== 'on') problems.push(`${setting} is ${row?.value}, expected on`);
    }
  }
  if (problems.length > 0) throw new UnsafeDatabaseError(problems);
}
