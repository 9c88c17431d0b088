import { describe, expect, it } from '@jest/globals';
import { EvidenceRejectedError, EvidenceTooLargeError } from '../evidence.errors.js';
import {
  sampleDocx,
  sampleElf,
  sampleGif,
  sampleJpeg,
  sampleOdf,
  samplePdf,
  samplePlainZip,
  samplePng,
  samplePptx,
  sampleWebp,
  sampleWindowsExe,
  sampleXlsx,
} from '../testing/sample-files.js';
import { inspectEvidence } from './inspect-evidence.js';

const limits = { maxBytes: 25 * 1024 * 1024 };

/** The rejection `inspectEvidence` throws; fails the test when it accepts the file instead. */
async function rejection(content: Buffer, fileName: string, max = limits) {
  const error = await inspectEvidence(content, fileName, max).then(
    (accepted) => new Error(`accepted as ${JSON.stringify(accepted)}`),
    (thrown: unknown) => thrown,
  );
  expect(error).toBeInstanceOf(EvidenceRejectedError);
  return error as EvidenceRejectedError;
}

describe('inspectEvidence accepts allowed files by their content', () => {
  it.each([
    ['policy.pdf', () => samplePdf(), 'application/pdf', 'pdf'],
    ['plain-ascii.pdf', () => samplePdf({ binaryComment: false }), 'application/pdf', 'pdf'],
    ['screenshot.png', samplePng, 'image/png', 'png'],
    ['photo.jpg', sampleJpeg, 'image/jpeg', 'jpg'],
    ['PHOTO.JPEG', sampleJpeg, 'image/jpeg', 'jpg'],
    ['badge.gif', sampleGif, 'image/gif', 'gif'],
    ['diagram.webp', sampleWebp, 'image/webp', 'webp'],
    [
      'policy.docx',
      () => sampleDocx(),
      'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
      'docx',
    ],
    [
      'deck.pptx',
      samplePptx,
      'application/vnd.openxmlformats-officedocument.presentationml.presentation',
      'pptx',
    ],
    [
      'notes.odt',
      () => sampleOdf('application/vnd.oasis.opendocument.text'),
      'application/vnd.oasis.opendocument.text',
      'odt',
    ],
    [
      'register.ods',
      () => sampleOdf('application/vnd.oasis.opendocument.spreadsheet'),
      'application/vnd.oasis.opendocument.spreadsheet',
      'ods',
    ],
  ])('%s', async (fileName, build, mediaType, extension) => {
    expect(await inspectEvidence(build(), fileName, limits)).toEqual({ mediaType, extension });
  });

  it('an XLSX written by exceljs', async () => {
    expect(await inspectEvidence(await sampleXlsx(), 'Access review Q3.xlsx', limits)).toEqual({
      mediaType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      extension: 'xlsx',
    });
  });

  it.each([
    ['readme.txt', 'MFA is enforced for all admins.\n', 'text/plain; charset=utf-8'],
    ['auth.log', '2024-05-01T10:00:00Z login ok\n', 'text/plain; charset=utf-8'],
    ['users.csv', 'name,role\nAda,admin\n', 'text/csv; charset=utf-8'],
    ['BMW-fleet.csv', 'BMW,3 series\nBMW,5 series\n', 'text/csv; charset=utf-8'],
    [
      'notes.md',
      '# Backups\n\nNightly, tested quarterly. Überprüft ✓\n',
      'text/markdown; charset=utf-8',
    ],
    ['export.json', '{"mfa": true}', 'application/json'],
    ['bom.txt', '\uFEFFwith a byte order mark', 'text/plain; charset=utf-8'],
  ])('%s as text', async (fileName, text, mediaType) => {
    const extension = fileName.split('.').pop();
    expect(await inspectEvidence(Buffer.from(text, 'utf8'), fileName, limits)).toEqual({
      mediaType,
      extension,
    });
  });
});

describe('inspectEvidence checks the size', () => {
  it('refuses an empty file', async () => {
    const error = await rejection(Buffer.alloc(0), 'policy.pdf');
    expect(error.code).toBe('EVIDENCE_EMPTY');
    expect(error.message).toBe('The file is empty.');
  });

  it('refuses a file over the limit and names the limit in MB', async () => {
    const max = { maxBytes: 2 * 1024 * 1024 };
    const thrown = await inspectEvidence(Buffer.alloc(max.maxBytes + 1, 'a'), 'big.txt', max).then(
      () => new Error('accepted'),
      (rejected: unknown) => rejected,
    );
    expect(thrown).toBeInstanceOf(EvidenceTooLargeError);
    const error = thrown as EvidenceTooLargeError;
    expect(error.code).toBe('EVIDENCE_TOO_LARGE');
    expect(error.message).toBe('The file is larger than the 2 MB limit for evidence files.');
    expect(error.details).toEqual({ sizeBytes: max.maxBytes + 1, maxBytes: max.maxBytes });
  });

  it('accepts a file of exactly the limit', async () => {
    const max = { maxBytes: 1024 };
    const accepted = await inspectEvidence(Buffer.alloc(1024, 'a'), 'exact.txt', max);
    expect(accepted.extension).toBe('txt');
  });
});

describe('inspectEvidence refuses a name that disagrees with the content', () => {
  it.each([
    ['policy.pdf', sampleWindowsExe, 'a Windows executable'],
    ['policy.pdf', samplePng, 'a PNG image'],
    ['policy.pdf', sampleElf, 'a Linux executable'],
    ['policy.pdf', () => Buffer.from('just some text'), 'plain text'],
    ['photo.png', sampleJpeg, 'a JPEG image'],
    ['policy.docx', samplePlainZip, 'a ZIP archive'],
    ['policy.docx', () => sampleDocx({ macroEnabled: true }), 'a macro-enabled Word document'],
    ['sheet.xlsx', () => sampleDocx(), 'a Word document (DOCX)'],
    ['notes.txt', () => samplePdf({ binaryComment: false }), 'a PDF document'],
    [
      'notes.txt',
      () => Buffer.from('<!DOCTYPE html><html><script>x()</script>'),
      'HTML or XML markup',
    ],
    ['data.json', () => Buffer.from('<?xml version="1.0"?><svg/>'), 'HTML or XML markup'],
  ])('%s holding %s', async (fileName, build, actual) => {
    const error = await rejection(build(), fileName);
    expect(error.code).toBe('EVIDENCE_TYPE_MISMATCH');
    const extension = fileName.split('.').pop()!;
    expect(error.message).toBe(`The file is named .${extension}, but its content is ${actual}.`);
  });

  it('names the content of a file that has no extension', async () => {
    const error = await rejection(samplePdf(), 'policy');
    expect(error.code).toBe('EVIDENCE_TYPE_MISMATCH');
    expect(error.message).toBe(
      '"policy" has no file extension, but the content is a PDF document: rename it with .pdf.',
    );
  });
});

describe('inspectEvidence refuses content outside the allow-list', () => {
  it.each([
    ['page.html', () => Buffer.from('<html><body>hi</body></html>'), 'HTML or XML markup'],
    [
      'logo.svg',
      () => Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"/>'),
      'HTML or XML markup',
    ],
    ['bundle.zip', samplePlainZip, 'a ZIP archive'],
    ['setup.exe', sampleWindowsExe, 'a Windows executable'],
    ['macro.docm', () => sampleDocx({ macroEnabled: true }), 'a macro-enabled Word document'],
    [
      'blob.bin',
      () => Buffer.from([0x00, 0x13, 0x37, 0xff, 0x00, 0x42]),
      'an unrecognized binary file',
    ],
    ['README', () => Buffer.from([0x00, 0x01, 0x02]), 'an unrecognized binary file'],
  ])('%s', async (fileName, build, content) => {
    const error = await rejection(build(), fileName);
    expect(error.code).toBe('EVIDENCE_TYPE_NOT_ALLOWED');
    expect(error.message).toContain('are not accepted as evidence');
    expect(error.message).toContain('Allowed: .pdf, .png, .jpg, .jpeg,');
    expect(error.message).toContain(`(the content is ${content})`);
  });

  it('refuses a script by its extension even though its content is plain text', async () => {
    const error = await rejection(Buffer.from('#!/bin/sh\nrm -rf /\n'), 'run.sh');
    expect(error.code).toBe('EVIDENCE_TYPE_NOT_ALLOWED');
    expect(error.message).toMatch(/^\.sh files are not accepted as evidence\. Allowed: \.pdf, /);
  });

  it('refuses a file without an extension whose content is not allowed either', async () => {
    const error = await rejection(sampleWindowsExe(), 'setup');
    expect(error.code).toBe('EVIDENCE_TYPE_NOT_ALLOWED');
    expect(error.message).toMatch(
      /^Files without an extension are not accepted as evidence \(the content is a Windows executable\)/,
    );
  });

  it('refuses text that contains a NUL byte, such as UTF-16', async () => {
    const utf16 = Buffer.from('\uFEFFcontrols.txt in UTF-16', 'utf16le');
    const error = await rejection(utf16, 'controls.txt');
    expect(error.code).toBe('EVIDENCE_TYPE_MISMATCH');
    expect(error.message).toBe(
      'The file is named .txt, but its content is an unrecognized binary file.',
    );

    const withNul = await rejection(Buffer.from('name,role\n\0Ada,admin\n'), 'users.csv');
    expect(withNul.code).toBe('EVIDENCE_TYPE_MISMATCH');
  });

  it('refuses text that is not valid UTF-8', async () => {
    const latin1 = Buffer.from('Prüfbericht', 'latin1');
    const error = await rejection(latin1, 'report.txt');
    expect(error.code).toBe('EVIDENCE_TYPE_MISMATCH');
  });
});
