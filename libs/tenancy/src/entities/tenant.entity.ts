import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';

/** An organization. Its id is the tenant id every tenant-owned row carries. */
@Entity({ name: 'tenants' })
export class Tenant {
  @PrimaryColumn({ type: 'uuid' })
  id!: string;

  @Column({ type: 'varchar', length: 200 })
  name!: string;

  /** The organization sends assessments to its vendors (a customer). */
  @Column({ name: 'assesses_vendors', type: 'boolean', default: true })
  assessesVendors!: boolean;

  /** The organization answers assessments addressed to it (an MSP; usually both). */
  @Column({ name: 'answers_assessments', type: 'boolean', default: false })
  answersAssessments!: boolean;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
