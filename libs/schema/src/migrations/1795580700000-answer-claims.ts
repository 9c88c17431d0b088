import type { MigrationInterface, QueryRunner } from 'typeorm';
import { guardRespondentColumns } from './respondent-access.sql.js';

/** What the MSP's side may change on an answer row before this migration. */
const RESPONDENT_ANSWER_COLUMNS = [
  'value',
  'not_applicable',
  'version',
  'answered_by',
  'answered_at',
  'assignee_user_id',
  'carried',
  'review_status',
];

const TALLIES = [
  ['not_applicable_count', 'integer'],
  ['not_applicable_weight', 'double precision'],
  ['pending_count', 'integer'],
  ['pending_weight', 'double precision'],
] as const;

/**
 * Scoring integrity (issue 14). A not-applicable answer is a claim with the MSP's justification,
 * which only the MSP writes; a review-scored answer gets the reviewer's grade, which only the
 * customer writes (the MSP's save clears it). Stored scores keep, next to every score, how many
 * accepted N/A claims and pending answers (and their weight) it left out, and the knockouts still
 * open. Scores stored before (engine 1.0.0) counted every N/A as accepted and had nothing pending
 * or open: the backfill says so from their breakdowns. The defaults (nothing left out, nothing
 * open) keep writers that predate the columns, such as seeds, working.
 */
export class AnswerClaims1795580700000 implements MigrationInterface {
  name = 'AnswerClaims1795580700000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "assessment_answers" ADD "not_applicable_reason" character varying(1000)`,
    );
    await queryRunner.query(`ALTER TABLE "assessment_answers" ADD "grade" double precision`);
    await queryRunner.query(
      `ALTER TABLE "assessment_answers" ADD CONSTRAINT "ck_assessment_answers_grade" CHECK ("grade" IS NULL OR ("grade" >= 0 AND "grade" <= 1))`,
    );
    await this.guardClaims(queryRunner);
    for (const table of ['assessment_scores', 'assessment_family_scores']) {
      for (const [column, type] of TALLIES) {
        await queryRunner.query(
          `ALTER TABLE "${table}" ADD "${column}" ${type} NOT NULL DEFAULT 0`,
        );
      }
    }
    await queryRunner.query(
      `ALTER TABLE "assessment_scores" ADD "open_knockouts" jsonb NOT NULL DEFAULT '[]'`,
    );
    await this.backfillTallies(queryRunner);
  }

  /**
   * The MSP may write the justification and may clear a grade (its save does), never set one;
   * the customer may not write the MSP's justification, only carry it into a new cycle.
   */
  private async guardClaims(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `DROP TRIGGER "assessment_answers_respondent_columns" ON "assessment_answers"`,
    );
    await guardRespondentColumns(queryRunner, 'assessment_answers', [
      ...RESPONDENT_ANSWER_COLUMNS,
      'not_applicable_reason',
      'grade',
    ]);
    await queryRunner.query(
      `CREATE FUNCTION app_guard_answer_claims() RETURNS trigger LANGUAGE plpgsql AS $$
       BEGIN
         IF app_current_tenant() IS NULL THEN
           RETURN NEW;
         END IF;
         IF NEW.tenant_id <> app_current_tenant() THEN
           IF TG_OP = 'INSERT' THEN
             NEW.grade := NULL;
           ELSIF NEW.grade IS NOT NULL AND NEW.grade IS DISTINCT FROM OLD.grade THEN
             RAISE EXCEPTION 'the respondent may not grade its own answers' USING ERRCODE = '42501';
           END IF;
           RETURN NEW;
         END IF;
         -- A new cycle carries the respondent's last answers, justification included.
         IF NEW.respondent_tenant_id IS NOT NULL THEN
           IF TG_OP = 'INSERT' THEN
             IF NOT NEW.carried THEN
               NEW.not_applicable_reason := NULL;
             END IF;
           ELSIF NEW.not_applicable_reason IS DISTINCT FROM OLD.not_applicable_reason THEN
             RAISE EXCEPTION 'only the respondent justifies a not-applicable answer'
               USING ERRCODE = '42501';
           END IF;
         END IF;
         RETURN NEW;
       END $$`,
    );
    await queryRunner.query(
      `CREATE TRIGGER "assessment_answers_claims" BEFORE INSERT OR UPDATE ON "assessment_answers"
         FOR EACH ROW EXECUTE FUNCTION app_guard_answer_claims()`,
    );
  }

  private async backfillTallies(queryRunner: QueryRunner): Promise<void> {
    const excluded = `jsonb_array_elements(s.breakdown->'families') f,
                      jsonb_array_elements(f->'questions') q
                WHERE q->>'reason' = 'not_applicable'`;
    await queryRunner.query(
      `UPDATE assessment_scores s
          SET not_applicable_count = t.count, not_applicable_weight = t.weight
         FROM (SELECT s.tenant_id, s.id, count(*)::integer AS count,
                      sum((q->>'weight')::double precision) AS weight
                 FROM assessment_scores s, ${excluded}
                GROUP BY s.tenant_id, s.id) t
        WHERE s.tenant_id = t.tenant_id AND s.id = t.id`,
    );
    await queryRunner.query(
      `UPDATE assessment_family_scores fs
          SET not_applicable_count = t.count, not_applicable_weight = t.weight
         FROM (SELECT s.tenant_id, s.id, f->>'familyId' AS family_id, count(*)::integer AS count,
                      sum((q->>'weight')::double precision) AS weight
                 FROM assessment_scores s, ${excluded}
                GROUP BY s.tenant_id, s.id, f->>'familyId') t
        WHERE fs.tenant_id = t.tenant_id AND fs.score_id = t.id AND fs.family_id = t.family_id`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "assessment_scores" DROP COLUMN "open_knockouts"`);
    for (const table of ['assessment_family_scores', 'assessment_scores']) {
      for (const [column] of [...TALLIES].reverse()) {
        await queryRunner.query(`ALTER TABLE "${table}" DROP COLUMN "${column}"`);
      }
    }
    await queryRunner.query(`DROP TRIGGER "assessment_answers_claims" ON "assessment_answers"`);
    await queryRunner.query(`DROP FUNCTION app_guard_answer_claims()`);
    await queryRunner.query(
      `DROP TRIGGER "assessment_answers_respondent_columns" ON "assessment_answers"`,
    );
    await guardRespondentColumns(queryRunner, 'assessment_answers', RESPONDENT_ANSWER_COLUMNS);
    await queryRunner.query(
      `ALTER TABLE "assessment_answers" DROP CONSTRAINT "ck_assessment_answers_grade"`,
    );
    await queryRunner.query(`ALTER TABLE "assessment_answers" DROP COLUMN "grade"`);
    await queryRunner.query(`ALTER TABLE "assessment_answers" DROP COLUMN "not_applicable_reason"`);
  }
}
