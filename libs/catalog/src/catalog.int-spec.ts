import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TenantDatabase } from '@app/database';
import {
  createIntegrationContext,
  createTestTenant,
  type IntegrationContext,
  type TestTenant,
  testConfig,
} from '@app/testing';
import { BuiltinCatalogSync } from './builtin-catalog-sync.js';
import { CatalogModule } from './catalog.module.js';
import { CatalogService } from './catalog.service.js';

const ADVISORY = { key: 'msp-advisory', version: '1.0.0', builtIn: true };

describe('questionnaire catalog', () => {
  let ctx: IntegrationContext;
  let catalog: CatalogService;
  let owner: TestTenant;

  beforeAll(async () => {
    ctx = await createIntegrationContext([CatalogModule]);
    catalog = ctx.get(CatalogService);
    owner = await createTestTenant(ctx.app);
  });

  afterAll(() => ctx.close());

  it('loads the built-in templates at start and lists them for every tenant', async () => {
    const list = await owner.as(() => catalog.list());
    expect(list.filter((t) => t.builtIn).map((t) => t.key)).toEqual([
      'msp-advisory',
      'msp-contract-checklist',
    ]);
    const advisory = await owner.as(() => catalog.get(ADVISORY));
    expect(advisory.content.families).toHaveLength(12);
    expect(advisory.status).toBe('published');
  });

  it('finds the questions that cover a control', async () => {
    const matches = await owner.as(() => catalog.questionsByControl('csf-2.0', 'PR.AA-03'));
    expect(matches.length).toBeGreaterThan(0);
    expect(matches.every((m) => m.builtIn && m.key.startsWith('msp-'))).toBe(true);
    expect(matches.map((m) => m.familyId)).toContain('mfa');
  });

  it('copies, edits (validated on every edit), publishes, and versions a tenant template', async () => {
    const copy = await owner.as(() =>
      catalog.copy(ADVISORY, 'our-msp-baseline', 'Our MSP baseline'),
    );
    expect(copy).toMatchObject({
      key: 'our-msp-baseline',
      version: '1.0.0',
      status: 'draft',
      builtIn: false,
    });

    const reweighted = await owner.as(() =>
      catalog.editDraft(
        'our-msp-baseline',
        (draft) => ({
          ...draft,
          families: draft.families.map((f) => ({
            ...f,
            questions: f.questions.map((q) => (q.id === 'MFA-01' ? { ...q, weight: 3 } : q)),
          })),
        }),
        'question_reweighted',
      ),
    );
    const mfa01 = reweighted.content.families
      .flatMap((f) => f.questions)
      .find((q) => q.id === 'MFA-01');
    expect(mfa01?.weight).toBe(3);

    // An edit that breaks the template is refused, and the draft is unchanged.
    await expect(
      owner.as(() =>
        catalog.editDraft('our-msp-baseline', (d) => ({ ...d, families: [] }), 'families_cleared'),
      ),
    ).rejects.toMatchObject({ code: 'TEMPLATE_INVALID' });
    expect(
      (
        await owner.as(() =>
          catalog.get({ key: 'our-msp-baseline', version: '1.0.0', builtIn: false }),
        )
      ).content.families,
    ).toHaveLength(12);

    const published = await owner.as(() => catalog.publish('our-msp-baseline'));
    expect(published.status).toBe('published');
    await expect(owner.as(() => catalog.publish('our-msp-baseline'))).rejects.toMatchObject({
      code: 'NO_DRAFT',
    });

    const next = await owner.as(() => catalog.startDraft('our-msp-baseline'));
    expect(next.version).toBe('1.1.0');
    await owner.as(() =>
      catalog.editDraft(
        'our-msp-baseline',
        (draft) => ({ ...draft, families: draft.families.filter((f) => f.id !== 'transparency') }),
        'family_removed',
      ),
    );
    const changes = await owner.as(() =>
      catalog.diff(
        { key: 'our-msp-baseline', version: '1.0.0', builtIn: false },
        { key: 'our-msp-baseline', version: '1.1.0', builtIn: false },
      ),
    );
    expect(changes).toContainEqual({ kind: 'family_removed', id: 'transparency', fields: [] });
    expect(changes.filter((c) => c.kind === 'question_removed').length).toBeGreaterThan(0);
    const base = await owner.as(() =>
      catalog.diff(ADVISORY, { key: 'our-msp-baseline', version: '1.0.0', builtIn: false }),
    );
    expect(base).toEqual([{ kind: 'question_changed', id: 'MFA-01', fields: ['weight'] }]);
  });

  it('keeps published versions immutable, even to direct SQL', async () => {
    await owner.as(() => catalog.copy(ADVISORY, 'frozen', 'Frozen'));
    await owner.as(() => catalog.publish('frozen'));
    await expect(
      owner.as(() =>
        ctx
          .get(TenantDatabase)
          .transaction((m) =>
            m.query(`UPDATE tenant_template_versions SET content = '{}' WHERE key = 'frozen'`),
          ),
      ),
    ).rejects.toThrow(/immutable/);
  });

  it('refuses a key already in use', async () => {
    await expect(owner.as(() => catalog.copy(ADVISORY, 'msp-advisory'))).rejects.toMatchObject({
      code: 'TEMPLATE_KEY_TAKEN',
    });
  });

  it('hides a tenant’s templates and versions from every other tenant', async () => {
    await owner.as(() => catalog.copy(ADVISORY, 'private-copy', 'Private'));
    const stranger = await createTestTenant(ctx.app);
    const list = await stranger.as(() => catalog.list());
    expect(list.every((t) => t.builtIn)).toBe(true);
    await expect(
      stranger.as(() => catalog.get({ key: 'private-copy', version: '1.0.0', builtIn: false })),
    ).rejects.toMatchObject({ code: 'TEMPLATE_NOT_FOUND' });
    // The same key is free for the stranger: nothing leaks through a uniqueness error.
    await expect(stranger.as(() => catalog.copy(ADVISORY, 'private-copy'))).resolves.toMatchObject({
      key: 'private-copy',
    });
    const matches = await stranger.as(() => catalog.questionsByControl('csf-2.0', 'PR.AA-03'));
    expect(matches.some((m) => !m.builtIn && m.key !== 'private-copy')).toBe(false);
  });
});

describe('built-in catalog at start', () => {
  it('refuses to start when a loaded version’s file was changed', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cascade-builtin-'));
    cpSync(join(process.cwd(), 'questionnaires'), dir, { recursive: true });
    const ctx = await createIntegrationContext([CatalogModule], {
      config: { ...testConfig(), catalogDir: dir },
    });
    const file = join(dir, 'msp-advisory', '1.0.0.yaml');
    writeFileSync(
      file,
      readFileSync(file, 'utf8').replace(
        "title: 'MSP Security Baseline",
        "title: 'Edited Baseline",
      ),
    );
    await expect(ctx.app.get(BuiltinCatalogSync).onApplicationBootstrap()).rejects.toThrow(
      /msp-advisory@1\.0\.0 was already published with other content/,
    );
    await ctx.close();
  });
});
