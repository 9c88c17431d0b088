import { APP_ROLE, IDENTITY_ROLE, JOBS_ROLE, PLATFORM_ROLE } from '@app/database';
import type { MigrationInterface, QueryRunner } from 'typeorm';
import { createNologinRole } from './tenant-isolation.sql.js';

const LOGIN_ROLES = [APP_ROLE, IDENTITY_ROLE, PLATFORM_ROLE, JOBS_ROLE];

/**
 * On a server each purpose logs in as its own role instead of switching from the owner, so a
 * statement that resets the role (`set_config('role', session_user, true)`) lands on the same
 * unprivileged role. The roles may log in; `npm run db:migrate` gives them their password. The
 * jobs role will own the job queue's schema, which the migrate step installs.
 */
export class ServingRoles1795580200000 implements MigrationInterface {
  name = 'ServingRoles1795580200000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await createNologinRole(queryRunner, JOBS_ROLE);
    for (const role of LOGIN_ROLES) await queryRunner.query(`ALTER ROLE ${role} LOGIN`);
    // Serving processes check that the schema is current before they serve.
    await queryRunner.query(`GRANT SELECT ON migrations TO ${APP_ROLE}`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`REVOKE SELECT ON migrations FROM ${APP_ROLE}`);
    // Roles are cluster-wide, shared by every database on the server (as the earlier migrations
    // never drop them): taking LOGIN away here would stop the other databases' processes.
  }
}
