/**
 * The role every tenant transaction switches to: NOLOGIN, NOSUPERUSER, NOBYPASSRLS, owning no
 * table. Migrations create it; superusers and table owners would skip row-level security.
 */
export const APP_ROLE = 'cascade_app';

/** Sees which tenants exist (ids only) for scheduled work, and nothing else. */
export const PLATFORM_ROLE = 'cascade_platform';

/** The settings row-level security policies read (see app_current_tenant() in the migrations). */
export const TENANT_SETTING = 'app.tenant_id';
export const ACTOR_SETTING = 'app.actor';
