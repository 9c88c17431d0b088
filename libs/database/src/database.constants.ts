/**
 * The role every tenant transaction switches to: NOLOGIN, NOSUPERUSER, NOBYPASSRLS, owning no
 * table. Migrations create it; superusers and table owners would skip row-level security.
 */
export const APP_ROLE = 'cascade_app';

/**
 * Signs people in: reads users by email, their memberships and refresh tokens, across tenants
 * but only for the person at hand; it can read no other tenant data.
 */
export const IDENTITY_ROLE = 'cascade_identity';

/** Sees which tenants exist (ids only) for scheduled work, and nothing else. */
export const PLATFORM_ROLE = 'cascade_platform';

/**
 * Counts requests and holds single-flight leases in `rate_limits` (a global table), and can do
 * nothing else; no other role may read or write that table.
 */
export const LIMITER_ROLE = 'cascade_limiter';

/** The settings row-level security policies read (see app_current_tenant() in the migrations). */
export const TENANT_SETTING = 'app.tenant_id';
export const ACTOR_SETTING = 'app.actor';
/** The signed-in user's id (empty for system actors), read by the identity policies. */
export const USER_SETTING = 'app.user_id';

/**
 * Owns the job queue's schema (`pgboss`) and runs it on a server; never a member of, nor reachable
 * from, the roles above, so tenant SQL cannot read other tenants' job payloads.
 */
export const JOBS_ROLE = 'cascade_jobs';

/** On a server, each purpose logs in as its own role: these, and nothing more powerful. */
export const SERVING_ROLES = [
  APP_ROLE,
  IDENTITY_ROLE,
  PLATFORM_ROLE,
  LIMITER_ROLE,
  JOBS_ROLE,
] as const;

/** The key of the advisory lock `npm run db:migrate` holds while it migrates. */
export const MIGRATION_LOCK_KEY = 'cascade-migrate';
