import { AuditTrailService } from '@app/audit';
import { RequestContext, SpreadsheetSandbox } from '@app/common';
import { APP_CONFIG, type AppConfig } from '@app/config';
import { TenantDatabase, TenantSingleFlight } from '@app/database';
import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import {
  DraftExistsError,
  InvalidTemplateError,
  NoDraftError,
  TemplateKeyTakenError,
  TemplateNotFoundError,
} from './catalog.errors.js';
import { BuiltinTemplateEntity } from './entities/builtin-template.entity.js';
import { importTemplate, type ImportRequest } from './import/import-template.js';
import { TenantTemplateVersionEntity } from './entities/tenant-template-version.entity.js';
import { TenantTemplateEntity } from './entities/tenant-template.entity.js';
import { type ControlCatalog, loadControlCatalog } from './templates/control-catalog.js';
import { diffTemplates, type TemplateChange } from './templates/template-diff.js';
import type { Framework, QuestionnaireTemplate } from './templates/template.types.js';
import { schemaValidator, validateTemplate } from './templates/validate-template.js';

export interface TemplateRef {
  readonly key: string;
  readonly version: string;
  /** A built-in template, or one of the caller's organization's own. */
  readonly builtIn: boolean;
}

export interface TemplateVersionView extends TemplateRef {
  readonly status: 'draft' | 'published';
  readonly content: QuestionnaireTemplate;
  readonly publishedAt: Date | null;
}

export interface TemplateSummary {
  readonly key: string;
  readonly title: string;
  readonly audience: 'msp' | 'customer';
  readonly builtIn: boolean;
  readonly copiedFrom: string | null;
  readonly versions: readonly {
    version: string;
    status: 'draft' | 'published';
    publishedAt: Date | null;
  }[];
}

export interface ControlMatch extends TemplateRef {
  readonly familyId: string;
  readonly familyTitle: string;
  readonly questionId: string;
  readonly text: string;
}

const TEMPLATE_KEY = /^[a-z][a-z0-9-]{1,62}$/;

/** Orders `1.10.0` after `1.9.0`. */
function compareVersions(a: string, b: string): number {
  const [x, y] = [a.split('.').map(Number), b.split('.').map(Number)];
  for (let i = 0; i < 3; i++) if (x[i] !== y[i]) return (x[i] ?? 0) - (y[i] ?? 0);
  return 0;
}

function nextMinor(version: string): string {
  const [major, minor] = version.split('.').map(Number);
  return `${major}.${(minor ?? 0) + 1}.0`;
}

/**
 * The questionnaire catalog as a tenant sees it: the global built-in templates plus its own
 * copies. Published versions never change; drafts are edited, validated on every edit, and
 * published as new versions.
 */
@Injectable()
export class CatalogService {
  private readonly validateSchema: ReturnType<typeof schemaValidator>;
  private readonly controls: ControlCatalog;

  constructor(
    @Inject(APP_CONFIG) config: AppConfig,
    private readonly db: TenantDatabase,
    private readonly context: RequestContext,
    private readonly audit: AuditTrailService,
    private readonly spreadsheets: SpreadsheetSandbox,
    private readonly flights: TenantSingleFlight,
  ) {
    this.validateSchema = schemaValidator(config.catalogDir);
    this.controls = loadControlCatalog(config.catalogDir);
  }

  list(): Promise<TemplateSummary[]> {
    return this.db.transaction(async (manager) => {
      const builtIns = await manager.find(BuiltinTemplateEntity, {
        select: { key: true, version: true, title: true, audience: true, loadedAt: true },
      });
      const own = await manager.find(TenantTemplateEntity, {
        where: { tenantId: this.context.tenantId },
      });
      const ownVersions = await manager.find(TenantTemplateVersionEntity, {
        where: { tenantId: this.context.tenantId },
      });
      const summaries: TemplateSummary[] = [];
      for (const key of [...new Set(builtIns.map((b) => b.key))].sort()) {
        const versions = builtIns
          .filter((b) => b.key === key)
          .sort((a, b) => compareVersions(b.version, a.version));
        summaries.push({
          key,
          title: versions[0].title,
          audience: versions[0].audience,
          builtIn: true,
          copiedFrom: null,
          versions: versions.map((v) => ({
            version: v.version,
            status: 'published',
            publishedAt: v.loadedAt,
          })),
        });
      }
      for (const template of own.sort((a, b) => a.key.localeCompare(b.key))) {
        const versions = ownVersions
          .filter((v) => v.key === template.key)
          .sort((a, b) => compareVersions(b.version, a.version));
        summaries.push({
          key: template.key,
          title: template.title,
          audience: versions[0]?.content.audience ?? 'msp',
          builtIn: false,
          copiedFrom: template.copiedFrom,
          versions: versions.map(({ version, status, publishedAt }) => ({
            version,
            status,
            publishedAt,
          })),
        });
      }
      return summaries;
    });
  }

  get(ref: TemplateRef): Promise<TemplateVersionView> {
    return this.db.transaction((manager) => this.load(manager, ref));
  }

  /** Which questions cover a control, e.g. CSF PR.AA-03, across every template the caller can see. */
  questionsByControl(framework: Framework, controlId: string): Promise<ControlMatch[]> {
    return this.db.transaction(async (manager) => {
      const builtIns = await manager.find(BuiltinTemplateEntity);
      const own = await manager.find(TenantTemplateVersionEntity, {
        where: { tenantId: this.context.tenantId },
      });
      const sources = [
        ...builtIns.map((b) => ({
          key: b.key,
          version: b.version,
          builtIn: true,
          content: b.content,
        })),
        ...own.map((v) => ({ key: v.key, version: v.version, builtIn: false, content: v.content })),
      ];
      return sources.flatMap((source) =>
        source.content.families.flatMap((family) =>
          family.questions
            .filter((question) => question.controls?.[framework]?.includes(controlId))
            .map((question) => ({
              key: source.key,
              version: source.version,
              builtIn: source.builtIn,
              familyId: family.id,
              familyTitle: family.title,
              questionId: question.id,
              text: question.text,
            })),
        ),
      );
    });
  }

  /** Copies a template version into the organization's catalog as a draft 1.0.0 under `newKey`. */
  copy(source: TemplateRef, newKey: string, title?: string): Promise<TemplateVersionView> {
    return this.db.transaction(async (manager) => {
      const original = await this.load(manager, source);
      const content: QuestionnaireTemplate = {
        ...original.content,
        key: newKey,
        version: '1.0.0',
        title: title ?? original.content.title,
      };
      return this.createTemplate(manager, content, `${source.key}@${source.version}`, {
        action: 'template.copied',
        summary: { from: `${source.key}@${source.version}`, builtIn: source.builtIn },
      });
    });
  }

  /**
   * Imports a question list (CSV, XLSX or VSAQ JSON) as draft 1.0.0 of a new template. All or
   * nothing: one bad row or item fails the import with every problem listed, and nothing is stored.
   */
  import(request: ImportRequest): Promise<TemplateVersionView> {
    // Parsing a large workbook is heavy: one import at a time per organization.
    return this.flights.run('template import', () => this.importNow(request));
  }

  private async importNow(request: ImportRequest): Promise<TemplateVersionView> {
    const content = await importTemplate(
      request,
      this.validateSchema,
      this.controls,
      this.spreadsheets,
    );
    return this.db.transaction((manager) =>
      this.createTemplate(manager, content, null, {
        action: 'template.imported',
        summary: { file: request.fileName, format: request.format },
      }),
    );
  }

  private async createTemplate(
    manager: EntityManager,
    content: QuestionnaireTemplate,
    copiedFrom: string | null,
    audit: { action: string; summary: Record<string, unknown> },
  ): Promise<TemplateVersionView> {
    // Validated first, so a malformed key never reaches a query.
    this.assertValid(content);
    const builtInTaken = await manager.existsBy(BuiltinTemplateEntity, { key: content.key });
    const ownTaken = await manager.existsBy(TenantTemplateEntity, {
      tenantId: this.context.tenantId,
      key: content.key,
    });
    if (builtInTaken || ownTaken) throw new TemplateKeyTakenError(content.key);
    const now = new Date();
    await manager.insert(TenantTemplateEntity, {
      tenantId: this.context.tenantId,
      key: content.key,
      title: content.title,
      copiedFrom,
      createdBy: `${this.context.actor.type}:${this.context.actor.id}`,
      createdAt: now,
    });
    await manager.insert(TenantTemplateVersionEntity, {
      tenantId: this.context.tenantId,
      key: content.key,
      version: content.version,
      status: 'draft',
      content: content as never,
      createdAt: now,
    });
    await this.audit.record({
      action: audit.action,
      objectType: 'template',
      objectId: content.key,
      summary: audit.summary,
    });
    return this.load(manager, { key: content.key, version: content.version, builtIn: false });
  }

  /** Applies `edit` to the template's draft; the result must still be a valid template. */
  editDraft(
    key: string,
    edit: (draft: QuestionnaireTemplate) => QuestionnaireTemplate,
    action: string,
  ): Promise<TemplateVersionView> {
    return this.db.transaction(async (manager) => {
      const draft = await this.draftOf(manager, key);
      const content = edit(structuredClone(draft.content));
      this.assertValid(content);
      await manager.update(
        TenantTemplateVersionEntity,
        { tenantId: this.context.tenantId, key, version: draft.version },
        { content: content },
      );
      await this.audit.record({
        action: `template.${action}`,
        objectType: 'template',
        objectId: `${key}@${draft.version}`,
      });
      return this.load(manager, { key, version: draft.version, builtIn: false });
    });
  }

  publish(key: string): Promise<TemplateVersionView> {
    return this.db.transaction(async (manager) => {
      const draft = await this.draftOf(manager, key);
      this.assertValid(draft.content);
      await manager.update(
        TenantTemplateVersionEntity,
        { tenantId: this.context.tenantId, key, version: draft.version },
        {
          status: 'published',
          publishedAt: new Date(),
          publishedBy: `${this.context.actor.type}:${this.context.actor.id}`,
        },
      );
      await manager.update(
        TenantTemplateEntity,
        { tenantId: this.context.tenantId, key },
        { title: draft.content.title },
      );
      await this.audit.record({
        action: 'template.published',
        objectType: 'template',
        objectId: `${key}@${draft.version}`,
      });
      return this.load(manager, { key, version: draft.version, builtIn: false });
    });
  }

  /** Starts the next version's draft from the latest published one. */
  startDraft(key: string): Promise<TemplateVersionView> {
    return this.db.transaction(async (manager) => {
      const versions = await this.versionsOf(manager, key);
      const draft = versions.find((v) => v.status === 'draft');
      if (draft) throw new DraftExistsError(draft.version);
      const latest = versions[0];
      const version = nextMinor(latest.version);
      await manager.insert(TenantTemplateVersionEntity, {
        tenantId: this.context.tenantId,
        key,
        version,
        status: 'draft',
        content: { ...latest.content, version } as never,
        createdAt: new Date(),
      });
      return this.load(manager, { key, version, builtIn: false });
    });
  }

  diff(from: TemplateRef, to: TemplateRef): Promise<TemplateChange[]> {
    return this.db.transaction(async (manager) =>
      diffTemplates(
        (await this.load(manager, from)).content,
        (await this.load(manager, to)).content,
      ),
    );
  }

  private assertValid(content: QuestionnaireTemplate): void {
    const problems = validateTemplate(content, this.validateSchema, this.controls);
    if (problems.length > 0) throw new InvalidTemplateError(problems);
  }

  private async versionsOf(
    manager: EntityManager,
    key: string,
  ): Promise<TenantTemplateVersionEntity[]> {
    if (!TEMPLATE_KEY.test(key)) throw new TemplateNotFoundError();
    const versions = await manager.find(TenantTemplateVersionEntity, {
      where: { tenantId: this.context.tenantId, key },
    });
    if (versions.length === 0) throw new TemplateNotFoundError();
    return versions.sort((a, b) => compareVersions(b.version, a.version));
  }

  private async draftOf(manager: EntityManager, key: string): Promise<TenantTemplateVersionEntity> {
    const draft = (await this.versionsOf(manager, key)).find((v) => v.status === 'draft');
    if (!draft) throw new NoDraftError();
    return draft;
  }

  private async load(manager: EntityManager, ref: TemplateRef): Promise<TemplateVersionView> {
    if (ref.builtIn) {
      const found = await manager.findOneBy(BuiltinTemplateEntity, {
        key: ref.key,
        version: ref.version,
      });
      if (!found) throw new TemplateNotFoundError();
      return { ...ref, status: 'published', content: found.content, publishedAt: found.loadedAt };
    }
    const found = await manager.findOneBy(TenantTemplateVersionEntity, {
      tenantId: this.context.tenantId,
      key: ref.key,
      version: ref.version,
    });
    if (!found) throw new TemplateNotFoundError();
    return { ...ref, status: found.status, content: found.content, publishedAt: found.publishedAt };
  }
}
