import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';

/** An organization. Its id is the tenant id every tenant-owned row carries. */
@Entity({ name: 'tenants' })
export class Tenant {
  @PrimaryColumn({ type: 'uuid' })
  id!: string;

  @Column({ type: 'varchar', length: 200 })
  name!: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
