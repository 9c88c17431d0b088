import { createHash } from 'node:crypto';
import { APP_CONFIG, type AppConfig } from '@app/config';
import { Inject, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import canonicalize from 'canonicalize';
import { DataSource, type EntityManager } from 'typeorm';
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
 * Loads `questionnaires/` into `builtin_templates`: every file must validate, and a version
 * already loaded must not have changed (published versions are immutable; publish a new version
 * instead). With `verifyOnly` nothing is written and a version not loaded yet is a problem too:
 * serving processes on a server read the table, the migrate step writes it.
 */
export async function syncBuiltinCatalog(
  manager: EntityManager,
  catalogDir: string,
  options: { verifyOnly: boolean; logger?: Logger },
): Promise<void> {
  const { templates, problems } = loadTemplates(catalogDir);
  if (problems.length > 0) {
    throw new InvalidCatalogError(problems.map((p) => `${p.file}: ${p.path}: ${p.message}`));
  }
  const changed: string[] = [];
  for (const template of templates) {
    const hash = contentHash(template);
    const id = `${template.key}@${template.version}`;
    const existing = await manager.findOneBy(BuiltinTemplateEntity, {
      key: template.key,
      version: template.version,
    });
    if (existing && existing.contentHash !== hash)
      changed.push(`${id} was already published with other content: give the change a new version`);
    if (existing) continue;
    if (options.verifyOnly) {
      changed.push(`${id} is not loaded yet: run npm run db:migrate`);
      continue;
    }
    await manager.insert(BuiltinTemplateEntity, {
      key: template.key,
      version: template.version,
      title: template.title,
      audience: template.audience,
      content: template,
      contentHash: hash,
      loadedAt: new Date(),
    });
    options.logger?.log(`loaded built-in template ${id}`);
  }
  if (changed.length > 0) throw new InvalidCatalogError(changed);
}

/**
 * Checks the built-in questionnaires at start: embedded, it loads new versions itself (as the
 * owner); on a server it only reads, as the app role, what `npm run db:migrate` loaded.
 */
@Injectable()
export class BuiltinCatalogSync implements OnApplicationBootstrap {
  private readonly logger = new Logger('Catalog');

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly dataSource: DataSource,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const verifyOnly = 'url' in this.dataSource.options && Boolean(this.dataSource.options.url);
    await this.dataSource.transaction((manager) =>
      syncBuiltinCatalog(manager, this.config.catalogDir, { verifyOnly, logger: this.logger }),
    );
  }
}
