import { createHash } from 'node:crypto';
import { APP_CONFIG, type AppConfig } from '@app/config';
import { Inject, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import canonicalize from 'canonicalize';
import { DataSource } from 'typeorm';
import { BuiltinTemplateEntity } from './entities/builtin-template.entity.js';
import { loadTemplates } from './templates/load-templates.js';

/** Thrown at start when the built-in questionnaires are invalid or a published one was edited. */
export class InvalidCatalogError extends Error {
  constructor(problems: string[]) {
    super(
      `The built-in questionnaires cannot be loaded:\n${problems.map((p) => `  - ${p}`).join('\n')}`,
    );
    this.name = 'InvalidCatalogError';
  }
}

export function contentHash(content: unknown): string {
  return createHash('sha256')
    .update(canonicalize(content) ?? '')
    .digest('hex');
}

/**
 * Loads `questionnaires/` at start: every file must validate, and a version already loaded must
 * not have changed (published versions are immutable; publish a new version instead).
 */
@Injectable()
export class BuiltinCatalogSync implements OnApplicationBootstrap {
  private readonly logger = new Logger('Catalog');

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly dataSource: DataSource,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const { templates, problems } = loadTemplates(this.config.catalogDir);
    if (problems.length > 0) {
      throw new InvalidCatalogError(problems.map((p) => `${p.file}: ${p.path}: ${p.message}`));
    }
    // Written as the connecting (owner) role: the table is global and read-only to tenants.
    await this.dataSource.transaction(async (manager) => {
      const changed: string[] = [];
      for (const template of templates) {
        const hash = contentHash(template);
        const existing = await manager.findOneBy(BuiltinTemplateEntity, {
          key: template.key,
          version: template.version,
        });
        if (existing && existing.contentHash !== hash)
          changed.push(`${template.key}@${template.version}`);
        if (existing) continue;
        await manager.insert(BuiltinTemplateEntity, {
          key: template.key,
          version: template.version,
          title: template.title,
          audience: template.audience,
          content: template,
          contentHash: hash,
          loadedAt: new Date(),
        });
        this.logger.log(`loaded built-in template ${template.key}@${template.version}`);
      }
      if (changed.length > 0) {
        throw new InvalidCatalogError(
          changed.map(
            (id) => `${id} was already published with other content: give the change a new version`,
          ),
        );
      }
    });
  }
}
