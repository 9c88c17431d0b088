import { Column, Entity, ForeignKey, Index, PrimaryColumn } from 'typeorm';

/** The customer's internal note on an assessment or one of its questions; the MSP never sees it. */
@Entity({ name: 'assessment_notes' })
@ForeignKey('AssessmentEntity', ['tenantId', 'assessmentId'], ['tenantId', 'id'], {
  name: 'fk_assessment_notes_assessment',
})
@Index('ix_assessment_notes_assessment', ['tenantId', 'assessmentId', 'createdAt'])
export class AssessmentNoteEntity {
  @PrimaryColumn({ name: 'tenant_id', type: 'uuid' })
  tenantId!: string;

  @PrimaryColumn({ type: 'uuid' })
  id!: string;

  @Column({ name: 'assessment_id', type: 'uuid' })
  assessmentId!: string;

  /** Null for a note on the whole assessment. */
  @Column({ name: 'question_id', type: 'varchar', length: 64, nullable: true })
  questionId!: string | null;

  @Column({ name: 'author_user_id', type: 'uuid', nullable: true })
  authorUserId!: string | null;

  @Column({ type: 'varchar', length: 4000 })
  body!: string;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
