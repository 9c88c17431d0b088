import type { DataSource } from 'typeorm';
import { JOBS_ROLE, SERVING_ROLES } from './database.constants.js';

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
  rolname: string;
  rolsuper: boolean;
  rolbypassrls: boolean;
  rolcreaterole: boolean;
  rolcreatedb: boolean;
  owned: string;
  /** Every other role this one is a member of, directly or through others. */
  reachable: string[];
}

/** The job queue's schema, which the jobs role owns on a server (see installJobQueue). */
const JOBS_SCHEMA = 'pgboss';

const ROLE_FACTS = `
  SELECT r.rolname, r.rolsuper, r.rolbypassrls, r.rolcreaterole, r.rolcreatedb,
         (SELECT count(*) FROM pg_class c
           WHERE c.relowner = r.oid AND c.relkind IN ('r', 'p', 'v', 'm', 'f')
             AND (r.rolname <> '${JOBS_ROLE}' OR c.relnamespace IS DISTINCT FROM to_regnamespace('${JOBS_SCHEMA}')))::text AS owned,
         ARRAY(SELECT o.rolname::text FROM pg_roles o
                WHERE o.oid <> r.oid AND pg_has_role(r.oid, o.oid, 'MEMBER')
                ORDER BY 1) AS reachable
    FROM pg_roles r`;

/** What would let `role` step outside row-level security, beyond the roles it may reach. */
function roleProblems(role: RoleRow, label: string, mayReach: readonly string[]): string[] {
  const problems: string[] = [];
  if (role.rolsuper) problems.push(`${label} is a superuser`);
  if (role.rolbypassrls) problems.push(`${label} has BYPASSRLS`);
  if (role.rolcreaterole) problems.push(`${label} has CREATEROLE`);
  if (role.rolcreatedb) problems.push(`${label} has CREATEDB`);
  if (role.owned !== '0') problems.push(`${label} owns tables, so it would skip RLS`);
  const beyond = role.reachable.filter((name) => !mayReach.includes(name));
  if (beyond.length > 0) {
    problems.push(
      `${label} is a member of ${beyond.join(', ')}: one injected statement could switch to it`,
    );
  }
  return problems;
}

/**
 * Refuses to serve when row-level security could be bypassed (a role the app switches to is a
 * superuser, may bypass RLS or create roles, owns tables or belongs to another role) or, on a
 * server, when committed data could be lost on a crash.
 */
export async function verifyDatabasePosture(
  dataSource: DataSource,
  isServer: boolean,
): Promise<void> {
  const problems: string[] = [];
  // The jobs role owns the queue's own schema, and nothing else.
  for (const roleName of SERVING_ROLES) {
    const [role] = await dataSource.query<RoleRow[]>(`${ROLE_FACTS} WHERE r.rolname = $1`, [
      roleName,
    ]);
    if (!role) problems.push(`role ${roleName} is missing (run the migrations)`);
    else problems.push(...roleProblems(role, `role ${roleName}`, []));
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

/**
 * On a server, the role a pool logs in as (`session_user`) is what any statement can return to
 * with `set_config('role', session_user, true)`. It must be no more than `switchesTo`, the role
 * that pool's transactions run as: not a superuser, no BYPASSRLS or CREATEROLE, owning no table,
 * and a member of nothing else. The job queue's role owns its own schema and is left out.
 */
export async function verifyServingLogin(
  dataSource: DataSource,
  switchesTo: string,
): Promise<void> {
  const [role] = await dataSource.query<RoleRow[]>(`${ROLE_FACTS} WHERE r.rolname = session_user`);
  if (!role) throw new UnsafeDatabaseError(['the session user has no pg_roles row']);
  const label = `the login role ${role.rolname}`;
  const problems = roleProblems(role, label, [switchesTo]);
  if (role.rolname !== switchesTo && !role.reachable.includes(switchesTo))
    problems.push(`${label} cannot switch to ${switchesTo}`);
  if (problems.length > 0) {
    problems.push(
      `serve through the roles the migrations create (${SERVING_ROLES.join(', ')}) and keep the owner for npm run db:migrate`,
    );
    throw new UnsafeDatabaseError(problems);
  }
}
