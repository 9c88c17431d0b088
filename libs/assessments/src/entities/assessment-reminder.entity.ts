import { Check, Column, Entity, ForeignKey, PrimaryColumn } from 'typeorm';

export const REMINDER_KINDS = ['due_soon', 'overdue', 'escalation'] as const;
export type ReminderKind = (typeof REMINDER_KINDS)[number];

/**
 * A reminder that was sent. The primary key is what makes reminders at-most-once: the row and its
 * mail are written in one transaction, so a crash before commit sends nothing and a rerun after
 * commit finds the row and sends nothing again.
 */
@Entity({ name: 'assessment_reminders' })
@ForeignKey('AssessmentEntity', ['tenantId', 'assessmentId'], ['tenantId', 'id'], {
  name: 'fk_assessment_reminders_assessment',
})
@Check('ck_assessment_reminders_kind', `"kind" IN ('due_soon', 'overdue', 'escalation')`)
export class AssessmentReminderEntity {
  @PrimaryColumn({ name: 'tenant_id', type: 'uuid' })
  tenantId!: string;

  @PrimaryColumn({ name: 'assessment_id', type: 'uuid' })
  assessmentId!: string;

  @PrimaryColumn({ type: 'varchar', length: 16 })
  kind!: ReminderKind;

  /** The due date the reminder was about: moving the due date allows a new round. */
  @PrimaryColumn({ name: 'due_on', type: 'date' })
  dueOn!: string;

  @Column({ name: 'sent_at', type: 'timestamptz' })
  sentAt!: Date;

  @Column({ type: 'integer' })
  recipients!: number;
}
