import type { MigrationInterface, QueryRunner } from 'typeorm';
import { isolateIdentityTable, releaseIdentityTable } from './tenant-isolation.sql.js';

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

    await isolateIdentityTable(queryRunner, 'password_resets', ['SELECT', 'INSERT', 'UPDATE']);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await releaseIdentityTable(queryRunner, 'password_resets');
    await queryRunner.query(
      `ALTER TABLE "password_resets" DROP CONSTRAINT "fk_password_resets_user"`,
    );
    await queryRunner.query(`DROP TABLE "password_resets"`);
  }
}
