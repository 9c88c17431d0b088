import type { AnswerSpec, AnswerValue, ControlMappings } from '@app/catalog';
import { Check, Column, Entity, ForeignKey, PrimaryColumn } from 'typeorm';

/** A file kept with a library answer: the bytes stay in the evidence store under their SHA-256. */
export interface LibraryEvidence {
  readonly sha256: string;
  readonly fileName: string;
  readonly mediaType: string;
  readonly sizeBytes: number;
}

export const DEFAULT_FRESHNESS_DAYS = 365;
export const MAX_FRESHNESS_DAYS = 1825;

/**
 * The MSP's current answer to one question, kept to prefill the next customer's assessment. MSP
 * data only (its own tenant); customers see an entry only as an answer it chose to apply to their
 * assessment, under a grant. `fresh_until` is when it must be re-confirmed.
 */
@Entity({ name: 'library_answers' })
@Check('ck_library_answers_freshness', `"freshness_days" BETWEEN 1 AND ${MAX_FRESHNESS_DAYS}`)
export class LibraryAnswerEntity {
  @PrimaryColumn({ name: 'tenant_id', type: 'uuid' })
  @ForeignKey('Tenant', { name: 'fk_library_answers_tenant' })
  tenantId!: string;

  @PrimaryColumn({ name: 'question_id', type: 'varchar', length: 64 })
  questionId!: string;

  /** The question as asked where the answer came from, to show and to match by controls. */
  @Column({ name: 'question_text', type: 'varchar', length: 2000 })
  questionText!: string;

  @Column({ name: 'answer_type', type: 'varchar', length: 24 })
  answerType!: AnswerSpec['type'];

  @Column({ type: 'jsonb' })
  controls!: ControlMappings;

  /** Same shape as assessment_answers.value; null when not applicable. */
  @Column({ type: 'jsonb', nullable: true })
  value!: AnswerValue;

  @Column({ name: 'not_applicable', type: 'boolean', default: false })
  notApplicable!: boolean;

  @Column({ type: 'jsonb', default: () => "'[]'" })
  evidence!: LibraryEvidence[];

  @Column({ type: 'varchar', length: 4000, nullable: true })
  note!: string | null;

  @Column({ name: 'freshness_days', type: 'smallint', default: DEFAULT_FRESHNESS_DAYS })
  freshnessDays!: number;

  @Column({ name: 'confirmed_at', type: 'timestamptz' })
  confirmedAt!: Date;

  @Column({ name: 'confirmed_by', type: 'uuid', nullable: true })
  confirmedBy!: string | null;

  @Column({ name: 'fresh_until', type: 'timestamptz' })
  freshUntil!: Date;

  @Column({ type: 'integer', default: 1 })
  version!: number;
}
