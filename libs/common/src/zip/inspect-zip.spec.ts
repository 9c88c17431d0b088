import { randomBytes } from 'node:crypto';
import { describe, expect, it } from '@jest/globals';
import {
  appendHiddenParts,
  localRecord,
  packPart,
  packRepeated,
  writeZip,
  type ZipPart,
} from '@app/testing';
import ExcelJS from 'exceljs';
import { ArchiveRejectedError } from './archive.errors.js';
import { inspectZip } from './inspect-zip.js';
import type { ZipLimits } from './zip-limits.js';

const MB = 1024 * 1024;
const roomy: ZipLimits = {
  maxEntries: 1_000,
  maxEntryBytes: 25 * MB,
  maxTotalBytes: 50 * MB,
  maxRatio: 200,
};

async function realWorkbook(): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('Questions');
  for (let row = 1; row <= 50; row++) sheet.addRow([`Q-${row}`, `question ${row}`, row]);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

async function refusal(content: Buffer, limits: ZipLimits = roomy): Promise<string> {
  try {
    await inspectZip(content, limits);
  } catch (error) {
    if (error instanceof ArchiveRejectedError) return error.message;
    throw error;
  }
  throw new Error('expected the archive to be refused');
}

/** Incompressible bytes, so a part's packed size is close to its size. */
const noise = (bytes: number) => randomBytes(bytes);

describe('inspectZip', () => {
  it('lets a real workbook through and lists every part it verified', async () => {
    const entries = await inspectZip(await realWorkbook(), roomy);
    expect(entries.map((e) => e.name)).toEqual(
      expect.arrayContaining([
        '[Content_Types].xml',
        'xl/workbook.xml',
        'xl/worksheets/sheet1.xml',
      ]),
    );
  });

  it('walks the real directory: parts hidden behind a lying entry count are refused', async () => {
    const hidden = appendHiddenParts(await realWorkbook(), [
      { name: 'xl/worksheets/sheet9.xml', part: packPart('<worksheet/>') },
      { name: 'xl/worksheets/sheet10.xml', part: packPart('<worksheet/>') },
    ]);
    const message = await refusal(hidden);
    expect(message).toMatch(
      /^The file is damaged: its table of contents claims \d+ parts but holds \d+\.$/,
    );
    const [claimed, held] = (message.match(/\d+/g) ?? []).map(Number);
    expect(held - claimed).toBe(2);
  });

  it('refuses a part that declares more than the per-part cap, before unpacking it', async () => {
    const part = await packRepeated('', 'a', 30 * MB, '');
    const started = Date.now();
    expect(
      await refusal(writeZip([{ name: 'big.xml', part }]), { ...roomy, maxRatio: 1_100 }),
    ).toBe('A part of the file unpacks to more than 25 MB.');
    expect(Date.now() - started).toBeLessThan(1_000);
  });

  it('stops unpacking a part the moment it outgrows the size it declared', async () => {
    const part = await packRepeated('', 'a', 200 * MB, '');
    const liar: ZipPart = { name: 'small.xml', part: { ...part, size: 1_000 } };
    expect(await refusal(writeZip([liar]))).toBe(
      'The file is damaged: a part is bigger than it says.',
    );
  });

  it('refuses parts that together unpack to more than the total cap', async () => {
    const parts = [1, 2, 3].map((n) => ({ name: `part${n}.bin`, part: packPart(noise(MB)) }));
    expect(await refusal(writeZip(parts), { ...roomy, maxTotalBytes: 2 * MB })).toBe(
      'The file unpacks to more than 2 MB.',
    );
    await expect(
      inspectZip(writeZip(parts), { ...roomy, maxTotalBytes: 3 * MB }),
    ).resolves.toHaveLength(3);
  });

  it('refuses a part packed as tightly as only bombs are', async () => {
    const bomb = writeZip([{ name: 'sheet.xml', part: packPart('a'.repeat(4 * MB)) }]);
    expect(await refusal(bomb)).toBe(
      'A part of the file is packed more than 200 to 1, as only archive bombs are.',
    );
    // Small parts may pack tightly; they cannot hurt.
    const small = writeZip([{ name: 'sheet.xml', part: packPart('a'.repeat(MB)) }]);
    await expect(inspectZip(small, roomy)).resolves.toHaveLength(1);
  });

  it('refuses more parts than the cap, counted by walking', async () => {
    const parts = Array.from({ length: 6 }, (_, n) => ({
      name: `p${n}.xml`,
      part: packPart('<a/>'),
    }));
    expect(await refusal(writeZip(parts), { ...roomy, maxEntries: 5 })).toBe(
      'The file has more than 5 parts.',
    );
    // The end record's count cannot hide them either.
    expect(await refusal(writeZip(parts, { claimedEntries: 1 }), { ...roomy, maxEntries: 5 })).toBe(
      'The file has more than 5 parts.',
    );
  });

  it('refuses a part whose local header sits inside another part', async () => {
    const inner = packPart('<hidden/>', true);
    // The outer part's stored bytes are a whole local record of the inner part.
    const outer = packPart(localRecord('inner.xml', inner), true);
    const zip = writeZip([
      { name: 'outer.bin', part: outer },
      { name: 'inner.xml', part: inner, localOffset: 30 + 'outer.bin'.length },
    ]);
    expect(await refusal(zip)).toBe('The file is damaged: two of its parts overlap.');
  });

  it('refuses ZIP64, encryption, a damaged checksum and what is not a ZIP', async () => {
    const zip = writeZip([{ name: 'a.xml', part: packPart('<a>hello</a>') }]);
    const end = zip.length - 22;

    const zip64 = Buffer.from(zip);
    zip64.writeUInt16LE(0xffff, end + 8);
    zip64.writeUInt16LE(0xffff, end + 10);
    expect(await refusal(zip64)).toBe('The file uses ZIP64, which uploads do not support.');

    const encrypted = Buffer.from(zip);
    const central = zip.readUInt32LE(end + 16);
    encrypted.writeUInt16LE(1, central + 8);
    expect(await refusal(encrypted)).toBe('The file is encrypted or password-protected.');

    const corrupt = Buffer.from(zip);
    corrupt.writeUInt32LE(0x12345678, central + 16);
    corrupt.writeUInt32LE(0x12345678, 14);
    expect(await refusal(corrupt)).toBe('The file is damaged: a part fails its checksum.');

    expect(await refusal(Buffer.from('question_id,question\nQ-1,Hello\n'))).toBe(
      'The file is not a ZIP-based document (such as .xlsx).',
    );
    expect(await refusal(zip.subarray(0, zip.length - 5))).toBe(
      'The file is not a ZIP-based document (such as .xlsx).',
    );
  });
});
