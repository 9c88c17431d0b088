import type { QuestionnaireTemplate } from '@app/catalog';
import { SpreadsheetSandbox } from '@app/common';
import { loadConfig } from '@app/config';
import { describe, expect, it } from '@jest/globals';
import ExcelJS from 'exceljs';
import {
  readAssessmentWorkbook,
  type WorkbookAnswer,
  WorkbookImportError,
  type WorkbookMeta,
  type WorkbookQuestion,
  writeAssessmentWorkbook,
} from './assessment-workbook.js';

const template: QuestionnaireTemplate = {
  key: 'offline-test',
  version: '1.0.0',
  title: 'Offline test questionnaire',
  description: 'One question of every answer type.',
  audience: 'msp',
  families: [
    {
      id: 'access',
      title: 'Remote access',
      guidance: 'How the MSP reaches our environment.',
      questions: [
        {
          id: 'ACC-01',
          text: 'Is MFA enforced on every remote-access path?',
          answer: { type: 'yes_no' },
          scoring: { kind: 'choice', values: { yes: 1, partial: 0.5, no: 0 } },
          weight: 5,
        },
        {
          id: 'ACC-02',
          text: 'How often are privileged accounts reviewed?',
          answer: {
            type: 'single_choice',
            options: [
              { value: 'monthly', label: 'Monthly' },
              { value: 'quarterly', label: 'Quarterly' },
              { value: 'never', label: 'Never' },
            ],
          },
          scoring: { kind: 'choice', values: { monthly: 1, quarterly: 0.6, never: 0 } },
          weight: 3,
        },
        {
          id: 'ACC-03',
          text: 'Which channels reach our environment?',
          answer: {
            type: 'multiple_choice',
            options: [
              { value: 'rmm_agent', label: 'RMM agent' },
              { value: 'vpn', label: 'VPN tunnel' },
              { value: 'jump_host', label: 'Jump host' },
            ],
          },
          scoring: { kind: 'none' },
          weight: 0,
        },
        {
          id: 'ACC-04',
          text: 'Is RDP exposed to the internet?',
          answer: { type: 'yes_no' },
          scoring: { kind: 'choice', values: { yes: 0, partial: 0.5, no: 1 } },
          weight: 5,
        },
      ],
    },
    {
      id: 'logging',
      title: 'Logging',
      guidance: 'What the MSP records and keeps.',
      questions: [
        {
          id: 'LOG-01',
          text: 'How many months are logs retained?',
          answer: { type: 'number', unit: 'months', min: 0, max: 120 },
          scoring: {
            kind: 'threshold',
            direction: 'at_least',
            steps: [{ bound: 12, value: 1 }],
            otherwise: 0,
          },
          weight: 4,
        },
        {
          id: 'LOG-02',
          text: 'What share of devices send logs to the SIEM?',
          answer: { type: 'percentage' },
          scoring: {
            kind: 'threshold',
            direction: 'at_least',
            steps: [{ bound: 100, value: 1 }],
            otherwise: 0,
          },
          weight: 2,
        },
        {
          id: 'LOG-03',
          text: 'When was logging last tested?',
          answer: { type: 'date' },
          scoring: { kind: 'provided' },
          weight: 1,
        },
        {
          id: 'LOG-04',
          text: 'Describe how alerts are triaged.',
          answer: { type: 'text' },
          scoring: { kind: 'provided' },
          weight: 1,
        },
        {
          id: 'LOG-05',
          text: 'Attach a sample log review.',
          answer: { type: 'evidence' },
          scoring: { kind: 'provided' },
          weight: 1,
        },
      ],
    },
  ],
};

const questions: WorkbookQuestion[] = template.families.flatMap((family) =>
  family.questions.map((question) => ({ question, familyTitle: family.title })),
);
// Rows follow the questions: ACC-01 is row 2 ... LOG-05 is row 10.
const rowOf = (id: string) => questions.findIndex((q) => q.question.id === id) + 2;

const meta: WorkbookMeta = {
  assessmentId: '5b0e7c1e-8d0a-4f0e-9a57-0c6f3d1f2a11',
  title: 'Acme MSP review 2025',
  customerName: 'Globex',
  vendorName: 'Acme MSP',
  dueOn: '2025-09-30',
};

const answers: WorkbookAnswer[] = [
  { questionId: 'ACC-01', value: 'partial', notApplicable: false, notApplicableReason: null },
  { questionId: 'ACC-02', value: 'quarterly', notApplicable: false, notApplicableReason: null },
  {
    questionId: 'ACC-03',
    value: ['rmm_agent', 'jump_host'],
    notApplicable: false,
    notApplicableReason: null,
  },
  {
    questionId: 'ACC-04',
    value: null,
    notApplicable: true,
    notApplicableReason: 'No remote access.',
  },
  { questionId: 'LOG-01', value: 12, notApplicable: false, notApplicableReason: null },
  { questionId: 'LOG-02', value: 97.5, notApplicable: false, notApplicableReason: null },
  { questionId: 'LOG-03', value: '2025-02-28', notApplicable: false, notApplicableReason: null },
  {
    questionId: 'LOG-04',
    value: 'Triage in 15 minutes; Café rules\nsecond line',
    notApplicable: false,
    notApplicableReason: null,
  },
  {
    questionId: 'LOG-05',
    value: 'Sample attached in Cascade',
    notApplicable: false,
    notApplicableReason: null,
  },
];

async function edit(
  content: Buffer,
  change: (sheet: ExcelJS.Worksheet, workbook: ExcelJS.Workbook) => void,
): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(content as unknown as ArrayBuffer);
  change(workbook.getWorksheet('Answers')!, workbook);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** The sandbox with the shipped defaults. */
const sandbox = new SpreadsheetSandbox(loadConfig({ JWT_SECRET: 'x'.repeat(32) }).uploads);
/** The day of the import in these tests. */
const TODAY = '2026-05-03';

async function problemsOf(content: Buffer, assessmentId = meta.assessmentId, asked = questions) {
  try {
    await readAssessmentWorkbook(content, assessmentId, asked, sandbox, TODAY);
  } catch (error) {
    if (error instanceof WorkbookImportError) return error;
    throw error;
  }
  throw new Error('expected the workbook to be refused');
}

const blank = () => writeAssessmentWorkbook(meta, questions, []);

describe('assessment workbook', () => {
  it('reads back exactly the answers it was written with', async () => {
    const content = await writeAssessmentWorkbook(meta, questions, answers);
    const result = await readAssessmentWorkbook(
      content,
      meta.assessmentId,
      questions,
      sandbox,
      TODAY,
    );
    expect(result).toEqual({ assessmentId: meta.assessmentId, answers });
  });

  it('reads nothing from an untouched blank workbook', async () => {
    const result = await readAssessmentWorkbook(
      await blank(),
      meta.assessmentId,
      questions,
      sandbox,
      TODAY,
    );
    expect(result.answers).toEqual([]);
  });

  it('lays out one row per question with hints, dropdowns and only answers unlocked', async () => {
    const content = await writeAssessmentWorkbook(meta, questions, answers);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(content as unknown as ArrayBuffer);
    const sheet = workbook.getWorksheet('Answers')!;
    expect(sheet.getRow(1).values).toEqual([
      undefined,
      'Question ID',
      'Family',
      'Question',
      'Expected answer',
      'Answer',
      'Not applicable (Y)',
      'Why not applicable',
      'Row check (do not edit)',
    ]);
    const row = (id: string) => sheet.getRow(rowOf(id));
    expect(row('ACC-01').getCell(1).value).toBe('ACC-01');
    expect(row('ACC-01').getCell(2).value).toBe('Remote access');
    expect(row('ACC-01').getCell(4).value).toBe('yes / partial / no');
    expect(row('ACC-02').getCell(4).value).toBe(
      'one of:\nmonthly = Monthly\nquarterly = Quarterly\nnever = Never',
    );
    expect(row('ACC-03').getCell(4).value).toMatch(
      /^any of \(separate with ;\):\nrmm_agent = RMM agent/,
    );
    expect(row('ACC-03').getCell(5).value).toBe('rmm_agent; jump_host');
    expect(row('LOG-01').getCell(4).value).toBe('number (months, 0–120)');
    expect(row('LOG-03').getCell(4).value).toBe('date YYYY-MM-DD');
    expect(row('LOG-03').getCell(5).value).toEqual(new Date(Date.UTC(2025, 1, 28)));
    expect(row('ACC-04').getCell(6).value).toBe('Y');
    expect(row('ACC-04').getCell(5).value).toBeNull();

    expect(row('ACC-01').getCell(5).dataValidation).toMatchObject({
      type: 'list',
      formulae: ['"yes,partial,no"'],
    });
    const listFormula = String(row('ACC-02').getCell(5).dataValidation.formulae[0]);
    const [listSheet, range] = listFormula.split('!');
    const lists = workbook.getWorksheet(listSheet)!;
    const [from, to] = range.replaceAll('$', '').split(':');
    const listed: unknown[] = [];
    for (let r = Number(from.slice(1)); r <= Number(to.slice(1)); r++) {
      listed.push(lists.getCell(`${from[0]}${r}`).value);
    }
    expect(listed).toEqual(['monthly', 'quarterly', 'never']);
    expect(lists.state).toBe('veryHidden');
    expect(row('ACC-03').getCell(5).dataValidation).toBeUndefined();

    // exceljs keeps protection on the sheet but leaves it out of its typings.
    const { sheetProtection } = sheet as unknown as { sheetProtection: unknown };
    expect(sheetProtection).toMatchObject({ sheet: true, formatColumns: true });
    expect(row('ACC-01').getCell(5).protection).toMatchObject({ locked: false });
    expect(row('ACC-01').getCell(6).protection).toMatchObject({ locked: false });
    expect(row('ACC-01').getCell(1).protection?.locked).not.toBe(false);
    expect(row('ACC-01').getCell(7).protection).toMatchObject({ locked: false });
    expect(sheet.getColumn(8).hidden).toBe(true);

    const about = workbook.getWorksheet('About')!;
    const aboutValues = about.getSheetValues().map((r) => (Array.isArray(r) ? r.slice(1, 3) : r));
    expect(aboutValues).toContainEqual(['Assessment ID', meta.assessmentId]);
    expect(aboutValues).toContainEqual(['Customer', 'Globex']);
    expect(aboutValues).toContainEqual(['Format version', 2]);
  });

  it('reads what an MSP typed offline, in the forms Excel stores it', async () => {
    const content = await edit(await writeAssessmentWorkbook(meta, questions, answers), (sheet) => {
      const answer = (id: string) => sheet.getCell(rowOf(id), 5);
      answer('ACC-01').value = 'Yes';
      answer('ACC-02').value = 'Monthly';
      answer('ACC-03').value = 'vpn; rmm_agent';
      answer('LOG-01').value = { formula: '6*3', result: 18, date1904: false };
      answer('LOG-02').value = 0.85;
      answer('LOG-02').numFmt = '0%';
      answer('LOG-03').value = new Date(Date.UTC(2025, 5, 30));
      answer('LOG-04').value = {
        richText: [{ text: 'New ' }, { font: { bold: true }, text: 'triage' }],
      };
      answer('LOG-05').value = null;
      sheet.getCell(rowOf('LOG-05'), 6).value = 'Y';
      sheet.getCell(rowOf('LOG-05'), 7).value = ' We keep no samples. ';
      sheet.getCell(rowOf('ACC-04'), 6).value = null;
      answer('ACC-04').value = 'no';
    });
    const result = await readAssessmentWorkbook(
      content,
      meta.assessmentId,
      questions,
      sandbox,
      TODAY,
    );
    expect(result.answers).toEqual([
      { questionId: 'ACC-01', value: 'yes', notApplicable: false, notApplicableReason: null },
      { questionId: 'ACC-02', value: 'monthly', notApplicable: false, notApplicableReason: null },
      {
        questionId: 'ACC-03',
        value: ['rmm_agent', 'vpn'],
        notApplicable: false,
        notApplicableReason: null,
      },
      { questionId: 'ACC-04', value: 'no', notApplicable: false, notApplicableReason: null },
      { questionId: 'LOG-01', value: 18, notApplicable: false, notApplicableReason: null },
      { questionId: 'LOG-02', value: 85, notApplicable: false, notApplicableReason: null },
      {
        questionId: 'LOG-03',
        value: '2025-06-30',
        notApplicable: false,
        notApplicableReason: null,
      },
      {
        questionId: 'LOG-04',
        value: 'New triage',
        notApplicable: false,
        notApplicableReason: null,
      },
      {
        questionId: 'LOG-05',
        value: null,
        notApplicable: true,
        notApplicableReason: 'We keep no samples.',
      },
    ]);
  });

  it('reads a date typed as an Excel date and a multiple choice written "a; b"', async () => {
    const content = await edit(await blank(), (sheet) => {
      sheet.getCell(rowOf('LOG-03'), 5).value = new Date(Date.UTC(2024, 1, 29));
      sheet.getCell(rowOf('ACC-03'), 5).value = 'jump_host; vpn';
    });
    const result = await readAssessmentWorkbook(
      content,
      meta.assessmentId,
      questions,
      sandbox,
      TODAY,
    );
    expect(result.answers).toEqual([
      {
        questionId: 'ACC-03',
        value: ['vpn', 'jump_host'],
        notApplicable: false,
        notApplicableReason: null,
      },
      {
        questionId: 'LOG-03',
        value: '2024-02-29',
        notApplicable: false,
        notApplicableReason: null,
      },
    ]);
  });

  it('leaves out a cleared answer', async () => {
    const content = await edit(await writeAssessmentWorkbook(meta, questions, answers), (sheet) => {
      sheet.getCell(rowOf('LOG-04'), 5).value = '   ';
    });
    const result = await readAssessmentWorkbook(
      content,
      meta.assessmentId,
      questions,
      sandbox,
      TODAY,
    );
    expect(result.answers.map((a) => a.questionId)).not.toContain('LOG-04');
    expect(result.answers).toHaveLength(answers.length - 1);
  });

  it('reads rows in any order', async () => {
    const content = await edit(await writeAssessmentWorkbook(meta, questions, answers), (sheet) => {
      const first = sheet.getRow(2).values;
      const last = sheet.getRow(10).values;
      sheet.getRow(2).values = last;
      sheet.getRow(10).values = first;
    });
    const result = await readAssessmentWorkbook(
      content,
      meta.assessmentId,
      questions,
      sandbox,
      TODAY,
    );
    expect(result.answers).toEqual(answers);
  });

  it('refuses the whole workbook over one bad cell and names exactly that cell', async () => {
    const content = await edit(await writeAssessmentWorkbook(meta, questions, answers), (sheet) => {
      sheet.getCell('E6').value = 'a dozen';
    });
    expect(rowOf('LOG-01')).toBe(6);
    const error = await problemsOf(content);
    expect(error.code).toBe('WORKBOOK_INVALID');
    expect(error.kind).toBe('invalid_input');
    expect(error.problems).toEqual([
      {
        cell: 'Answers!E6',
        questionId: 'LOG-01',
        message: 'LOG-01 expects a number of months from 0 to 120',
      },
    ]);
    expect(error.details).toEqual({ problems: error.problems });
  });

  it('lists every problem, in sheet order', async () => {
    const content = await edit(await blank(), (sheet) => {
      sheet.getCell('E2').value = 'maybe';
      sheet.getCell('E3').value = 'weekly';
      sheet.getCell('A4').value = 'ACC-02'; // changed id: its hidden row check still says ACC-03
      sheet.getCell('E5').value = 'yes';
      sheet.getCell('F5').value = 'Y';
      sheet.getCell('E6').value = { formula: '1/0', result: { error: '#DIV/0!' }, date1904: false };
      sheet.getCell('F7').value = 'perhaps';
      sheet.getCell('E8').value = '2025-02-30';
      sheet.getRow(11).values = ['ACC-01', '', '', '', 'yes', '', 'ACC-01'];
      sheet.getRow(12).values = ['XYZ-99', '', '', '', 'yes'];
      sheet.getRow(13).values = ['', '', '', '', 'an orphan answer'];
    });
    const error = await problemsOf(content);
    expect(error.problems).toEqual([
      {
        cell: 'Answers!E2',
        questionId: 'ACC-01',
        message: 'ACC-01 expects one of: yes, partial, no',
      },
      {
        cell: 'Answers!E3',
        questionId: 'ACC-02',
        message: 'ACC-02 expects one of: monthly, quarterly, never',
      },
      {
        cell: 'Answers!A4',
        questionId: 'ACC-03',
        message: 'The question ID was changed: this row is for ACC-03; put it back.',
      },
      {
        cell: 'Answers!E5',
        questionId: 'ACC-04',
        message: 'ACC-04 is marked not applicable but also has an answer; clear one of them',
      },
      {
        cell: 'Answers!E6',
        questionId: 'LOG-01',
        message: 'LOG-01: the answer shows the error #DIV/0!; type a value instead',
      },
      {
        cell: 'Answers!F7',
        questionId: 'LOG-02',
        message: 'LOG-02: the not-applicable cell should be Y (not applicable) or empty',
      },
      {
        cell: 'Answers!E8',
        questionId: 'LOG-03',
        message: 'LOG-03 expects a date written YYYY-MM-DD, for example 2025-03-31',
      },
      {
        cell: 'Answers!A11',
        questionId: 'ACC-01',
        message: 'ACC-01 appears twice (rows 2 and 11); keep one row.',
      },
      {
        cell: 'Answers!A12',
        questionId: null,
        message: 'XYZ-99 is not a question of this assessment.',
      },
      {
        cell: 'Answers!A13',
        questionId: null,
        message: 'Row 13 has an answer but no question ID.',
      },
    ]);
  });

  it('tells a cleared question ID from a missing one', async () => {
    const content = await edit(await writeAssessmentWorkbook(meta, questions, answers), (sheet) => {
      sheet.getCell('A2').value = null;
    });
    expect((await problemsOf(content)).problems).toEqual([
      {
        cell: 'Answers!A2',
        questionId: 'ACC-01',
        message: 'The question ID was changed: this row is for ACC-01; put it back.',
      },
    ]);
  });

  it('stops listing at 100 problems', async () => {
    const many: WorkbookQuestion[] = Array.from({ length: 150 }, (_, i) => ({
      question: { ...questions[0].question, id: `MNY-${String(i).padStart(3, '0')}` },
      familyTitle: 'Many',
    }));
    const content = await edit(await writeAssessmentWorkbook(meta, many, []), (sheet) => {
      for (let row = 2; row <= 151; row++) sheet.getCell(row, 5).value = 'maybe';
    });
    const error = await problemsOf(content, meta.assessmentId, many);
    expect(error.problems).toHaveLength(100);
    expect(error.problems[99]).toMatchObject({ cell: 'Answers!E101', questionId: 'MNY-099' });
  });

  it('refuses a workbook made for another assessment', async () => {
    const error = await problemsOf(
      await writeAssessmentWorkbook(meta, questions, answers),
      'a4d1f0b2-0000-4000-8000-000000000000',
    );
    expect(error.problems).toEqual([
      {
        cell: 'About!B10',
        questionId: null,
        message:
          'This workbook was downloaded for a different assessment; download the one for this assessment and copy your answers across.',
      },
    ]);
  });

  it('takes a not-applicable claim only with its justification, in its own cell', async () => {
    const content = await edit(await writeAssessmentWorkbook(meta, questions, answers), (sheet) => {
      expect(sheet.getCell(rowOf('ACC-04'), 7).value).toBe('No remote access.');
      expect(sheet.getCell(rowOf('ACC-04'), 7).protection).toMatchObject({ locked: false });
      sheet.getCell(rowOf('ACC-04'), 7).value = null;
      // Left next to an answer, a justification is ignored.
      sheet.getCell(rowOf('ACC-01'), 7).value = 'Not a claim';
    });
    expect((await problemsOf(content)).problems).toEqual([
      {
        cell: 'Answers!G5',
        questionId: 'ACC-04',
        message: 'ACC-04 is marked not applicable: say why in this cell',
      },
    ]);
  });

  it('refuses a workbook whose About sheet was edited to another format version', async () => {
    const content = await edit(await blank(), (_, workbook) => {
      workbook.getWorksheet('About')!.getCell('B12').value = 1;
    });
    const error = await problemsOf(content);
    expect(error.problems).toEqual([
      {
        cell: 'About!B12',
        questionId: null,
        message: 'This workbook comes from another version of Cascade; download a fresh one.',
      },
    ]);
  });

  it('refuses a spreadsheet that is not a Cascade workbook', async () => {
    const other = new ExcelJS.Workbook();
    other.addWorksheet('Answers').getCell('A1').value = 'Question ID';
    const content = Buffer.from(await other.xlsx.writeBuffer());
    const error = await problemsOf(content);
    expect(error.problems).toEqual([
      {
        cell: 'About',
        questionId: null,
        message:
          'This is not a Cascade assessment workbook; download one from the assessment page.',
      },
    ]);
  });

  it('refuses moved columns', async () => {
    const content = await edit(await blank(), (sheet) => sheet.spliceColumns(2, 0, ['Notes']));
    const error = await problemsOf(content);
    expect(error.problems).toHaveLength(1);
    expect(error.problems[0]).toMatchObject({ cell: 'Answers!B1', questionId: null });
  });

  it('refuses files that are not workbooks, too large, or too long before loading them', async () => {
    const notXlsx = await problemsOf(Buffer.from('Question ID,Answer\nACC-01,yes\n'));
    expect(notXlsx.problems).toEqual([
      {
        cell: 'file',
        questionId: null,
        message: 'The file is not a ZIP-based document (such as .xlsx).',
      },
    ]);

    const huge = await problemsOf(Buffer.alloc(5 * 1024 * 1024 + 1));
    expect(huge.problems).toEqual([
      { cell: 'file', questionId: null, message: 'The file is larger than 5 MB.' },
    ]);

    const long = await edit(await blank(), (sheet) => {
      for (let row = 11; row <= 2002; row++) sheet.getCell(row, 1).value = `ROW-${row}`;
    });
    expect((await problemsOf(long)).problems).toEqual([
      { cell: 'file', questionId: null, message: 'A sheet has more than 2,000 rows.' },
    ]);
  });
});
