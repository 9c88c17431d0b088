import { IDENTITY_ROLE } from '@app/database';
import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Password reset tokens: people's data, reached only by the identity role. */

export class PasswordResets1795548814105 implements MigrationInterface {
  name = 'PasswordResets1795548814105';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "password_resets" ("id" uuid NOT NULL, "user_id" uuid NOT NULL, "token_hash" character(64) NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL, "expires_at" TIMESTAMP WITH TIME ZONE NOT NULL, "used_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "uq_password_resets_token_hash" UNIQUE ("token_hash"), CONSTRAINT "PK_4816377aa98211c1de34469e742" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `ALTER TABLE "password_resets" ADD CONSTRAINT "fk_password_resets_user" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE NO ACTION ON UPDATE NO ACTION`,
    );

    await queryRunner.query(`ALTER TABLE password_resets ENABLE ROW LEVEL SECURITY`);
    await queryRunner.query(`ALTER TABLE password_resets FORCE ROW LEVEL SECURITY`);
    await queryRunner.query(
      `CREATE POLICY password_resets_identity ON password_resets TO ${IDENTITY_ROLE}
         USING (true) WITH CHECK (true)`,
    );
    await queryRunner.query(`GRANT SELECT, INSERT, UPDATE ON password_resets TO ${IDENTITY_ROLE}`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`REVOKE ALL ON password_resets FROM ${IDENTITY_ROLE}`);
    await queryRunner.query(`DROP POLICY password_resets_identity ON password_resets`);
    await queryRunner.query(
      `ALTER TABLE "password_resets" DROP CONSTRAINT "fk_password_resets_user"`,
    );
    await queryRunner.query(`DROP TABLE "password_resets"`);
  }
}
