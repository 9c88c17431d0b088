import { describe, expect, it } from '@jest/globals';
import { EvidenceRejectedError } from '../evidence.errors.js';
import { extensionOf, MAX_FILE_NAME_LENGTH, safeFileName } from './safe-file-name.js';

describe('safeFileName', () => {
  it.each([
    ['policy.pdf', 'policy.pdf'],
    ['  Access review Q3.xlsx  ', 'Access review Q3.xlsx'],
    ['../../etc/passwd', 'passwd'],
    ['C:\\Users\\ada\\Desktop\\SOC2 report.pdf', 'SOC2 report.pdf'],
    ['evil\u0000name\r\n.txt', 'evilname.txt'],
    ['invoice\u202Efdp.exe', 'invoicefdp.exe'],
    ['trailing dots...', 'trailing dots'],
    ['Cafe\u0301.md', 'Caf\u00e9.md'],
  ])('%j → %j', (raw, safe) => {
    expect(safeFileName(raw)).toBe(safe);
  });

  it('returns NFC', () => {
    const decomposed = 'Pru\u0308fbericht.pdf';
    expect(safeFileName(decomposed)).toBe('Pr\u00fcfbericht.pdf');
    expect(safeFileName(decomposed).length).toBe(decomposed.length - 1);
  });

  it.each(['', '   ', '/', 'folder/', '..', '.', '\u0000\u0007', '\u202E'])('refuses %j', (raw) => {
    expect(() => safeFileName(raw)).toThrow(EvidenceRejectedError);
    expect(() => safeFileName(raw)).toThrow(
      expect.objectContaining({ code: 'EVIDENCE_NAME_INVALID' }),
    );
  });

  it('shortens a long name to 200 characters and keeps its extension', () => {
    const safe = safeFileName(`${'a'.repeat(300)}.pdf`);
    expect(safe).toHaveLength(MAX_FILE_NAME_LENGTH);
    expect(safe).toBe(`${'a'.repeat(196)}.pdf`);
  });

  it('counts characters, not UTF-16 units, and never splits an emoji', () => {
    const safe = safeFileName(`${'📄'.repeat(250)}.txt`);
    expect(Array.from(safe)).toHaveLength(MAX_FILE_NAME_LENGTH);
    expect(safe.endsWith('📄.txt')).toBe(true);
  });
});

describe('extensionOf', () => {
  it.each([
    ['policy.PDF', 'pdf'],
    ['archive.tar.gz', 'gz'],
    ['policy', ''],
    ['.env', ''],
    ['dir.d/file', ''],
  ])('%j → %j', (name, extension) => {
    expect(extensionOf(name)).toBe(extension);
  });
});
