import { Column, Entity, ForeignKey, PrimaryColumn, Unique } from 'typeorm';

/**
 * An invitation for one respondent email to answer an assessment. Accepting it (signed in, in the
 * MSP's organization) links the vendor to that organization. The token is mailed once; only its
 * SHA-256 is kept.
 */
@Entity({ name: 'assessment_invitations' })
@Unique('uq_assessment_invitations_token_hash', ['tokenHash'])
@ForeignKey('AssessmentEntity', ['tenantId', 'assessmentId'], ['tenantId', 'id'], {
  name: 'fk_assessment_invitations_assessment',
})
export class AssessmentInvitationEntity {
  @PrimaryColumn({ name: 'tenant_id', type: 'uuid' })
  tenantId!: string;

  @PrimaryColumn({ type: 'uuid' })
  id!: string;

  @Column({ name: 'assessment_id', type: 'uuid' })
  assessmentId!: string;

  @Column({ type: 'varchar', length: 320 })
  email!: string;

  @Column({ name: 'email_key', type: 'varchar', length: 320 })
  emailKey!: string;

  @Column({ name: 'token_hash', type: 'char', length: 64 })
  tokenHash!: string;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @Column({ name: 'expires_at', type: 'timestamptz' })
  expiresAt!: Date;

  @Column({ name: 'accepted_at', type: 'timestamptz', nullable: true })
  acceptedAt!: Date | null;

  @Column({ name: 'accepted_by', type: 'uuid', nullable: true })
  acceptedBy!: string | null;

  @Column({ name: 'accepted_tenant_id', type: 'uuid', nullable: true })
  acceptedTenantId!: string | null;
}
