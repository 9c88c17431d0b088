import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import ExcelJS from 'exceljs';
import { parse } from 'csv-parse/sync';
import {
  createIntegrationContext,
  createTestTenant,
  type IntegrationContext,
  realQuestionnaire,
  type TestTenant,
} from '@app/testing';
import { CatalogModule } from '../catalog.module.js';
import { CatalogService } from '../catalog.service.js';
import type { ImportFormat } from './import-template.js';
import type { SheetLayout } from './question-rows.js';

/** ASVS as OWASP publishes it: chapter, section, requirement id, text, three level columns. */
const ASVS_LAYOUT: SheetLayout = {
  columnMapping: {
    family_id: 'chapter_id',
    family_title: 'chapter_name',
    section_id: 'section_id',
    section_title: 'section_name',
    question_id: 'req_id',
    question: 'req_description',
  },
  defaults: { answerType: 'yes_no' },
  levelColumns: [
    { header: 'level1', tag: 'L1', everyTier: true },
    { header: 'level2', tag: 'L2' },
    { header: 'level3', tag: 'L3' },
  ],
};

const HEADER =
  'family_id,family_title,question_id,question,answer_type,options,unit,scoring,weight,knockout,knockout_reason,visible_when,nist_800_53,csf_2_0';
const GOOD_ROWS = [
  'access,Remote access,RA-01,Do technicians use MFA for every remote session?,yes_no,,,,5,yes,Remote sessions without MFA are the usual way in.,,IA-2(1),PR.AA-03',
  "access,Remote access,RA-02,Which remote tools do you use?,multiple_choice,rmm=RMM agent;vpn=VPN;rdp=Open RDP,,rmm=0.5;vpn=0.5;rdp=0,2,,,answer('RA-01') != 'yes',AC-17,PR.AA-03",
  'logs,Logging,LG-01,How many months of logs do you keep?,number,,months,>=12:1;>=6:0.5;else:0,3,,,,AU-11,PR.PS-04',
];

const csv = (rows: string[]) => Buffer.from([HEADER, ...rows].join('\n'));

async function xlsx(rows: string[][]): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('Questions');
  for (const row of rows) sheet.addRow(row);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

describe('questionnaire import', () => {
  let ctx: IntegrationContext;
  let catalog: CatalogService;
  let org: TestTenant;

  beforeAll(async () => {
    ctx = await createIntegrationContext([CatalogModule]);
    catalog = ctx.get(CatalogService);
    org = await createTestTenant(ctx.app);
  });

  afterAll(() => ctx.close());

  const importAs = (
    format: ImportFormat,
    fileName: string,
    content: Buffer,
    key: string,
    extra = {},
  ) =>
    org.as(() =>
      catalog.import({
        format,
        fileName,
        content,
        key,
        title: `Imported ${key}`,
        audience: 'msp',
        ...extra,
      }),
    );

  const ownKeys = async () =>
    (await org.as(() => catalog.list())).filter((t) => !t.builtIn).map((t) => t.key);

  it('imports a CSV in the documented layout as a draft', async () => {
    const draft = await importAs('csv', 'questions.csv', csv(GOOD_ROWS), 'from-csv');
    expect(draft).toMatchObject({ key: 'from-csv', version: '1.0.0', status: 'draft' });
    expect(draft.content.families.map((f) => [f.id, f.questions.map((q) => q.id)])).toEqual([
      ['access', ['RA-01', 'RA-02']],
      ['logs', ['LG-01']],
    ]);
    const [ra01, ra02] = draft.content.families[0].questions;
    expect(ra01).toMatchObject({
      knockout: true,
      scoring: { kind: 'choice', values: { yes: 1, partial: 0.5, no: 0 } },
    });
    expect(ra02).toMatchObject({
      visibleWhen: "answer('RA-01') != 'yes'",
      scoring: { kind: 'sum' },
    });
    expect(draft.content.families[1].questions[0].scoring).toEqual({
      kind: 'threshold',
      direction: 'at_least',
      steps: [
        { bound: 12, value: 1 },
        { bound: 6, value: 0.5 },
      ],
      otherwise: 0,
    });
  });

  it('imports an XLSX whose own column names are mapped onto the layout', async () => {
    const rows = [
      ['Domain', 'Domain name', 'Ref', 'Question text', 'Type'],
      ['access', 'Remote access', 'XA-01', 'Is remote access logged centrally?', 'yes_no'],
      ['access', 'Remote access', 'XA-02', 'Describe your jump host design.', 'text'],
    ];
    const draft = await importAs('xlsx', 'vendor.xlsx', await xlsx(rows), 'from-xlsx', {
      layout: {
        columnMapping: {
          family_id: 'Domain',
          family_title: 'Domain name',
          question_id: 'Ref',
          question: 'Question text',
          answer_type: 'Type',
        },
      },
    });
    expect(draft.content.families[0].questions.map((q) => [q.id, q.answer.type])).toEqual([
      ['XA-01', 'yes_no'],
      ['XA-02', 'text'],
    ]);
  });

  it('imports a VSAQ-style JSON questionnaire, conditions included', async () => {
    const vsaq = {
      questionnaire: [
        {
          type: 'block',
          id: 'infra',
          text: 'Infrastructure <b>security</b>',
          items: [
            { type: 'info', text: 'Answer for production systems.' },
            {
              type: 'yesno',
              id: 'infra_fw',
              text: 'Do you run a firewall in front of production?',
            },
            {
              type: 'radiogroup',
              id: 'infra_fw_kind',
              text: 'Which firewall do you run?',
              cond: 'infra_fw',
              choices: [{ fw_managed: 'Managed service' }, { fw_self: 'Self-hosted' }],
            },
            {
              type: 'checkgroup',
              id: 'infra_logs',
              text: 'Which logs do you keep?',
              items: [
                { type: 'checkbox', id: 'logs_fw', text: 'Firewall logs' },
                { type: 'checkbox', id: 'logs_vpn', text: 'VPN logs' },
              ],
            },
            {
              type: 'line',
              id: 'infra_retention',
              text: 'For how long?',
              cond: 'logs_fw || logs_vpn',
            },
            {
              type: 'upload',
              id: 'infra_diagram',
              text: 'Attach a network diagram.',
              cond: '!fw_self',
            },
          ],
        },
      ],
    };
    const draft = await importAs(
      'vsaq_json',
      'vsaq.json',
      Buffer.from(JSON.stringify(vsaq)),
      'from-vsaq',
    );
    const questions = draft.content.families[0].questions;
    expect(draft.content.families[0].title).toBe('Infrastructure security');
    expect(questions.map((q) => [q.id, q.answer.type, q.visibleWhen ?? null])).toEqual([
      ['infra_fw', 'yes_no', null],
      ['infra_fw_kind', 'single_choice', "answer('infra_fw') == 'yes'"],
      ['infra_logs', 'multiple_choice', null],
      [
        'infra_retention',
        'text',
        "includes(answer('infra_logs'), 'fw') or includes(answer('infra_logs'), 'vpn')",
      ],
      ['infra_diagram', 'evidence', "not (answer('infra_fw_kind') == 'self')"],
    ]);
  });

  it('stores nothing when one row is bad, and names the file, row and column', async () => {
    const before = await ownKeys();
    const bad = [
      ...GOOD_ROWS,
      'logs,Logging,LG-02,How fast do you patch?,number,,days,>=12:1;<=6:0.5;else:0,9,,,,SI-2,ID.RA-01',
    ];
    await expect(importAs('csv', 'bad.csv', csv(bad), 'bad-import')).rejects.toMatchObject({
      code: 'IMPORT_FAILED',
      details: { problems: ['bad.csv row 5 column scoring: mixes >= and <= steps'] },
    });
    const tooHeavy = [
      ...GOOD_ROWS,
      'logs,Logging,LG-02,Do you alert on log gaps?,yes_no,,,,9,,,,AU-5,DE.CM-09',
    ];
    await expect(importAs('csv', 'bad.csv', csv(tooHeavy), 'bad-import')).rejects.toMatchObject({
      details: { problems: ['bad.csv row 5 column weight: the weight must be at most 5'] },
    });
    const unknownControl = [
      ...GOOD_ROWS,
      'logs,Logging,LG-02,Do you alert on log gaps?,yes_no,,,,2,,,,XX-99,DE.CM-09',
    ];
    await expect(
      importAs('csv', 'bad.csv', csv(unknownControl), 'bad-import'),
    ).rejects.toMatchObject({
      details: {
        problems: ['bad.csv row 5 column nist_800_53: unknown nist-800-53 control id "XX-99"'],
      },
    });
    expect(await ownKeys()).toEqual(before);
  });

  it('refuses files it cannot read, with the reason', async () => {
    await expect(
      importAs('xlsx', 'not.xlsx', Buffer.from('plain text'), 'x-1'),
    ).rejects.toMatchObject({
      code: 'IMPORT_FAILED',
    });
    await expect(
      importAs('vsaq_json', 'broken.json', Buffer.from('{'), 'x-2'),
    ).rejects.toMatchObject({
      details: { problems: ['broken.json line 1 column 2: the file ends too early'] },
    });
    await expect(importAs('csv', 'empty.csv', Buffer.from(HEADER), 'x-3')).rejects.toMatchObject({
      details: { problems: ['empty.csv: the file has no data rows'] },
    });
  });

  it('imports the OWASP ASVS CSV unedited: chapters as families, levels as tags and tiers', async () => {
    const content = realQuestionnaire('asvs-4.0.3-en.csv');
    const source = parse<Record<string, string>>(content, {
      columns: true,
      bom: true,
      trim: true,
      skip_empty_lines: true,
    });
    const marked = (row: Record<string, string>) =>
      [row.level1, row.level2, row.level3].some(Boolean);
    const draft = await importAs('csv', 'asvs-4.0.3-en.csv', content, 'asvs', {
      layout: ASVS_LAYOUT,
    });
    const questions = draft.content.families.flatMap((f) => f.questions);
    expect(questions.map((q) => q.id)).toEqual(source.filter(marked).map((row) => row.req_id));
    expect(draft.content.families.map((f) => f.id)).toEqual([
      ...new Set(source.map((row) => row.chapter_id.toLowerCase())),
    ]);
    expect(draft.content.families[0].title).toBe('Architecture, Design and Threat Modeling');
    const byId = new Map(questions.map((q) => [q.id, q]));
    expect(byId.get('V1.1.1')).toMatchObject({
      text: expect.stringContaining(
        'C1 (https://owasp.org/www-project-proactive-controls/#div-numbering)',
      ),
      answer: { type: 'yes_no' },
      weight: 1,
      tags: ['L2', 'L3', 'V1.1'],
      help: 'Section V1.1 Secure Software Development Lifecycle.',
    });
    expect(byId.get('V1.1.1')).not.toHaveProperty('everyTier');
    const l1 = questions.filter((q) => q.tags?.includes('L1'));
    expect(l1.length).toBe(source.filter((row) => row.level1).length);
    expect(l1.every((q) => q.everyTier === true)).toBe(true);
    // A level cell with words instead of a tick keeps them as help.
    expect(questions.find((q) => q.help?.includes('Per level: L1: 30 days'))).toBeDefined();
    // Withdrawn requirements (marked at no level) are left out, and said so.
    const withdrawn = source.filter((row) => !marked(row)).map((row) => row.req_id);
    expect(withdrawn.length).toBeGreaterThan(0);
    expect(draft.content.description).toContain(withdrawn.join(', '));
  });

  it('imports a spreadsheet in another language with chapter rows between requirements', async () => {
    const rows = [
      ['Capítulo', 'Nombre', 'Id', 'Requisito', 'N1', 'N2'],
      ['V1', 'Arquitectura y modelado de amenazas', '', '', '', ''],
      ['', '', 'V1.1.1', 'Verificar el uso de un ciclo de desarrollo seguro.', '', '✓'],
      ['', '', 'V1.1.2', 'Verificar el modelado de amenazas en cada cambio.', '✓', '✓'],
      ['V2', 'Autenticación', '', '', '', ''],
      ['', '', 'V2.1.1', 'Verificar que las contraseñas tengan al menos 12 caracteres.', '✓', '✓'],
    ];
    const draft = await importAs('xlsx', 'asvs-es.xlsx', await xlsx(rows), 'asvs-es', {
      layout: {
        columnMapping: {
          family_id: 'Capítulo',
          family_title: 'Nombre',
          question_id: 'Id',
          question: 'Requisito',
        },
        defaults: { answerType: 'yes_no', weight: 2 },
        levelColumns: [
          { header: 'N1', tag: 'L1', everyTier: true },
          { header: 'N2', tag: 'L2' },
        ],
      },
    });
    expect(
      draft.content.families.map((f) => [
        f.id,
        f.title,
        f.questions.map((q) => [q.id, q.weight, q.tags]),
      ]),
    ).toEqual([
      [
        'v1',
        'Arquitectura y modelado de amenazas',
        [
          ['V1.1.1', 2, ['L2']],
          ['V1.1.2', 2, ['L1', 'L2']],
        ],
      ],
      ['v2', 'Autenticación', [['V2.1.1', 2, ['L1', 'L2']]]],
    ]);
  });

  it("names the row and the file's own column, in plain words, for a bad mapped cell", async () => {
    const rows = [
      ['Capítulo', 'Id', 'Requisito', 'Peso'],
      ['V1', 'V1.1.1', 'Verificar el uso de un ciclo de desarrollo seguro.', '9'],
      ['V1', '1.1.2', 'Corto', ''],
    ];
    await expect(
      importAs('xlsx', 'malo.xlsx', await xlsx(rows), 'bad-es', {
        layout: {
          columnMapping: {
            family_id: 'Capítulo',
            question_id: 'Id',
            question: 'Requisito',
            weight: 'Peso',
          },
          defaults: { answerType: 'yes_no' },
        },
      }),
    ).rejects.toMatchObject({
      code: 'IMPORT_FAILED',
      details: {
        problems: [
          'malo.xlsx row 2 column Peso: the weight must be at most 5',
          'malo.xlsx row 3 column Id: the question id must start with a letter and have at most 40 letters, digits, dots, dashes or underscores',
          'malo.xlsx row 3 column Requisito: the question text is too short: write at least 10 characters',
        ],
      },
    });
  });

  it.each(['vsaq-webapp.json', 'vsaq-infrastructure.json'])(
    'imports the published %s unedited and publishes it',
    async (name) => {
      const draft = await importAs(
        'vsaq_json',
        name,
        realQuestionnaire(name),
        name.replace('.json', ''),
      );
      expect(draft.status).toBe('draft');
      expect(draft.content.families.length).toBeGreaterThanOrEqual(3);
      const published = await org.as(() => catalog.publish(draft.key));
      expect(published.status).toBe('published');
    },
  );
});
