import type { AnswerSpec, Question } from '@app/catalog';
import { describe, expect, it } from '@jest/globals';
import type { CellErrorValue } from 'exceljs';
import {
  answerValueFromCell,
  cellContent,
  CellProblem,
  isPercentFormat,
  notApplicableFromCell,
} from './workbook-cells.js';

function question(answer: AnswerSpec): Question {
  return { id: 'Q-01', text: 'Question', answer, scoring: { kind: 'none' }, weight: 0 };
}

const options = [
  { value: 'rmm_agent', label: 'RMM agent' },
  { value: 'vpn', label: 'VPN tunnel' },
  { value: 'jump_host', label: 'Jump host' },
];

describe('cellContent', () => {
  it('reads plain values and treats blanks as empty', () => {
    expect(cellContent(null)).toBeNull();
    expect(cellContent(undefined)).toBeNull();
    expect(cellContent('   ')).toBeNull();
    expect(cellContent(' yes ')).toBe(' yes ');
    expect(cellContent(12)).toBe(12);
    expect(cellContent(false)).toBe(false);
  });

  it('uses formula results, rich text and link text', () => {
    expect(cellContent({ formula: 'A1*2', result: 12 })).toBe(12);
    expect(cellContent({ sharedFormula: 'E2', result: 'yes' })).toBe('yes');
    expect(cellContent({ richText: [{ text: 'We rotate ' }, { text: 'keys' }] })).toBe(
      'We rotate keys',
    );
    expect(
      cellContent({ text: 'policy.example.com', hyperlink: 'https://policy.example.com' }),
    ).toBe('policy.example.com');
  });

  it('refuses Excel errors and formulas without a saved result', () => {
    expect(() => cellContent({ error: '#DIV/0!' as CellErrorValue['error'] })).toThrow(
      new CellProblem('shows the error #DIV/0!; type a value instead'),
    );
    expect(() =>
      cellContent({ formula: 'A1/0', result: { error: '#DIV/0!' as CellErrorValue['error'] } }),
    ).toThrow(CellProblem);
    expect(() => cellContent({ formula: 'NOW()', date1904: false })).toThrow(
      'holds a formula with no saved result; type the value instead',
    );
  });
});

describe('notApplicableFromCell', () => {
  it.each(['Y', 'y', 'yes', 'X', 'N/A', true])('%p marks not applicable', (value) => {
    expect(notApplicableFromCell(value)).toBe(true);
  });
  it.each([null, 'N', 'no', false, 0])('%p leaves it applicable', (value) => {
    expect(notApplicableFromCell(value)).toBe(false);
  });
  it('refuses anything else', () => {
    expect(() => notApplicableFromCell('maybe')).toThrow(CellProblem);
  });
});

describe('answerValueFromCell', () => {
  it('reads yes/no in any case, booleans and N/A', () => {
    const yesNo = question({ type: 'yes_no' });
    expect(answerValueFromCell(yesNo, ' Partial ', false)).toBe('partial');
    expect(answerValueFromCell(yesNo, true, false)).toBe('yes');
    expect(answerValueFromCell(yesNo, 'N/A', false)).toBe('not_applicable');
    expect(answerValueFromCell(yesNo, 'maybe', false)).toBe('maybe');
  });

  it('matches a choice by value or label', () => {
    const single = question({ type: 'single_choice', options });
    expect(answerValueFromCell(single, 'VPN Tunnel', false)).toBe('vpn');
    expect(answerValueFromCell(single, 'jump_host', false)).toBe('jump_host');
    expect(answerValueFromCell(single, ' telnet ', false)).toBe('telnet');
  });

  it('splits multiple choices on ; and new lines', () => {
    const multiple = question({ type: 'multiple_choice', options });
    expect(answerValueFromCell(multiple, 'vpn; Jump host\nrmm_agent;', false)).toEqual([
      'vpn',
      'jump_host',
      'rmm_agent',
    ]);
  });

  it('reads numbers from number cells and from text, with the unit or a percent sign', () => {
    const months = question({ type: 'number', unit: 'months' });
    const percentage = question({ type: 'percentage' });
    expect(answerValueFromCell(months, 12, false)).toBe(12);
    expect(answerValueFromCell(months, '12 months', false)).toBe(12);
    expect(answerValueFromCell(months, ' 1.5e1 ', false)).toBe(15);
    expect(answerValueFromCell(months, 'twelve', false)).toBe('twelve');
    expect(answerValueFromCell(months, '1,000', false)).toBe('1,000');
    expect(answerValueFromCell(percentage, '85%', false)).toBe(85);
    expect(answerValueFromCell(percentage, 0.07, true)).toBe(7);
    expect(answerValueFromCell(percentage, 7, false)).toBe(7);
  });

  it('writes date cells as YYYY-MM-DD and keeps text as typed', () => {
    const date = question({ type: 'date' });
    const text = question({ type: 'text' });
    expect(answerValueFromCell(date, new Date(Date.UTC(2025, 5, 30)), false)).toBe('2025-06-30');
    expect(answerValueFromCell(date, '2025-06-30', false)).toBe('2025-06-30');
    expect(answerValueFromCell(text, 42, false)).toBe('42');
    expect(answerValueFromCell(text, ' Café ', false)).toBe(' Café ');
  });

  it('recognises percent number formats', () => {
    expect(isPercentFormat('0%')).toBe(true);
    expect(isPercentFormat('0.00%')).toBe(true);
    expect(isPercentFormat('General')).toBe(false);
    expect(isPercentFormat(undefined)).toBe(false);
  });
});
