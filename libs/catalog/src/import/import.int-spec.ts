import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import ExcelJS from 'exceljs';
import {
  createIntegrationContext,
  createTestTenant,
  type IntegrationContext,
  type TestTenant,
} from '@app/testing';
import { CatalogModule } from '../catalog.module.js';
import { CatalogService } from '../catalog.service.js';
import type { ImportFormat } from './import-template.js';

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
      ['VSQ-001', 'yes_no', null],
      ['VSQ-002', 'single_choice', "(answer('VSQ-001') == 'yes')"],
      ['VSQ-003', 'multiple_choice', null],
      [
        'VSQ-004',
        'text',
        "includes(answer('VSQ-003'), 'logs_fw') or includes(answer('VSQ-003'), 'logs_vpn')",
      ],
      ['VSQ-005', 'evidence', "not (answer('VSQ-002') == 'fw_self')"],
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
      details: { problems: ['bad.csv row 5 (families[1].questions[1].weight): must be <= 5'] },
    });
    const unknownControl = [
      ...GOOD_ROWS,
      'logs,Logging,LG-02,Do you alert on log gaps?,yes_no,,,,2,,,,XX-99,DE.CM-09',
    ];
    await expect(
      importAs('csv', 'bad.csv', csv(unknownControl), 'bad-import'),
    ).rejects.toMatchObject({
      details: {
        problems: [
          'bad.csv row 5 (families[1].questions[1].controls.nist-800-53): unknown nist-800-53 control id "XX-99"',
        ],
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
      details: { problems: [expect.stringMatching(/^broken\.json: not valid JSON/)] },
    });
    await expect(importAs('csv', 'empty.csv', Buffer.from(HEADER), 'x-3')).rejects.toMatchObject({
      details: { problems: ['empty.csv: the file has no data rows'] },
    });
  });
});
