import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { QuestionnaireTemplate } from '../templates/template.types.js';

/**
 * A built-in template version from `questionnaires/`, loaded at start. Global and read-only to
 * tenants: the same content for everyone, immutable once published (a change needs a new version).
 */
@Entity({ name: 'builtin_templates' })
export class BuiltinTemplateEntity {
  @PrimaryColumn({ type: 'varchar', length: 63 })
  key!: string;

  @PrimaryColumn({ type: 'varchar', length: 32 })
  version!: string;

  @Column({ type: 'varchar', length: 200 })
  title!: string;

  @Column({ type: 'varchar', length: 16 })
  audience!: 'msp' | 'customer';

  @Column({ type: 'jsonb' })
  content!: QuestionnaireTemplate;

  /** SHA-256 of the canonical content: a changed file under an old version is refused. */
  @Column({ name: 'content_hash', type: 'char', length: 64 })
  contentHash!: string;

  @Column({ name: 'loaded_at', type: 'timestamptz' })
  loadedAt!: Date;
}
