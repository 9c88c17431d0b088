import { APP_ROLE } from '@app/database';
import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The audit chain keyed and its head moved only by the append path (issue 13, item 5). Events
 * now carry the id of the HMAC key that signed them (the key itself never reaches the database).
 * The app role loses its direct writes to the chain: it locks the head and appends through two
 * functions that run with the owner's rights, which take the next link only, so a head can no
 * longer be rewound (a rewound head hid the newest event and made every later append fail).
 */
export class KeyedAuditChain1795580300001 implements MigrationInterface {
  name = 'KeyedAuditChain1795580300001';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "audit_events" ADD "key_id" character varying(16)`);
    await queryRunner.query(
      `CREATE FUNCTION app_audit_lock_head() RETURNS TABLE (head_seq bigint, head_hash text)
         LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
       DECLARE
         tenant uuid := app_current_tenant();
       BEGIN
         IF tenant IS NULL THEN
           RAISE EXCEPTION 'the audit chain is appended in a tenant transaction'
             USING ERRCODE = '42501';
         END IF;
         -- The tenant's first event creates its head (a concurrent first event may win).
         INSERT INTO audit_chain_heads (tenant_id, last_seq, last_hash)
           VALUES (tenant, 0, repeat('0', 64)) ON CONFLICT DO NOTHING;
         RETURN QUERY SELECT h.last_seq, h.last_hash::text FROM audit_chain_heads h
                       WHERE h.tenant_id = tenant FOR UPDATE;
       END $$`,
    );
    await queryRunner.query(
      `CREATE FUNCTION app_audit_append(
         p_seq bigint, p_id uuid, p_occurred_at timestamptz, p_actor_type text, p_actor_id text,
         p_action text, p_object_type text, p_object_id text, p_summary jsonb,
         p_correlation_id text, p_prev_hash text, p_hash text, p_key_id text)
         RETURNS void LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
       DECLARE
         tenant uuid := app_current_tenant();
         head record;
       BEGIN
         SELECT last_seq, last_hash INTO head FROM audit_chain_heads
          WHERE tenant_id = tenant FOR UPDATE;
         -- Only the next link: the head's sequence only grows, one event at a time.
         IF tenant IS NULL OR NOT FOUND OR p_seq <> head.last_seq + 1
            OR p_prev_hash <> head.last_hash THEN
           RAISE EXCEPTION 'an audit event must follow its tenant''s chain head'
             USING ERRCODE = '42501';
         END IF;
         INSERT INTO audit_events (tenant_id, seq, id, occurred_at, actor_type, actor_id, action,
             object_type, object_id, summary, correlation_id, prev_hash, hash, key_id)
           VALUES (tenant, p_seq, p_id, p_occurred_at, p_actor_type, p_actor_id, p_action,
             p_object_type, p_object_id, p_summary, p_correlation_id, p_prev_hash, p_hash,
             p_key_id);
         UPDATE audit_chain_heads SET last_seq = p_seq, last_hash = p_hash
          WHERE tenant_id = tenant;
       END $$`,
    );
    for (const fn of [
      'app_audit_lock_head()',
      'app_audit_append(bigint, uuid, timestamptz, text, text, text, text, text, jsonb, text, text, text, text)',
    ]) {
      await queryRunner.query(`REVOKE ALL ON FUNCTION ${fn} FROM PUBLIC`);
      await queryRunner.query(`GRANT EXECUTE ON FUNCTION ${fn} TO ${APP_ROLE}`);
    }
    await queryRunner.query(`REVOKE INSERT, UPDATE ON audit_chain_heads FROM ${APP_ROLE}`);
    await queryRunner.query(`REVOKE INSERT ON audit_events FROM ${APP_ROLE}`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`GRANT INSERT ON audit_events TO ${APP_ROLE}`);
    await queryRunner.query(`GRANT INSERT, UPDATE ON audit_chain_heads TO ${APP_ROLE}`);
    await queryRunner.query(
      `DROP FUNCTION app_audit_append(bigint, uuid, timestamptz, text, text, text, text, text, jsonb, text, text, text, text)`,
    );
    await queryRunner.query(`DROP FUNCTION app_audit_lock_head()`);
    await queryRunner.query(`ALTER TABLE "audit_events" DROP COLUMN "key_id"`);
  }
}
