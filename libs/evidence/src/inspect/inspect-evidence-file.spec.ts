import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  sampleDocx,
  samplePdf,
  samplePng,
  sampleWindowsExe,
  sampleXlsx,
} from '../testing/sample-files.js';
import { inspectEvidence, inspectEvidenceFile } from './inspect-evidence.js';

const limits = { maxBytes: 10 * 1024 * 1024 };

/** The verdict as data: the accepted type, or the refusal's code. */
function verdict(inspection: Promise<unknown>): Promise<unknown> {
  return inspection.then(
    (type) => ({ accepted: type }),
    (error: { code?: string }) => ({ refused: error.code }),
  );
}

/** Uploads now reach inspection as files on disk: the verdict must not change with that. */
describe('inspecting an upload on disk decides as inspecting it in memory', () => {
  let dir: string;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'inspect-file-'));
  });

  afterAll(() => rm(dir, { recursive: true, force: true }));

  const cases: [string, () => Buffer | Promise<Buffer>][] = [
    ['policy.pdf', () => samplePdf()],
    ['diagram.png', () => samplePng()],
    ['report.docx', () => sampleDocx()],
    ['register.xlsx', () => sampleXlsx()],
    ['macros.docm', () => sampleDocx({ macroEnabled: true })],
    ['setup.pdf', () => sampleWindowsExe()],
    ['notes.txt', () => Buffer.from('Plain notes.\n'.repeat(10_000))],
    ['page.md', () => Buffer.from('<!DOCTYPE html><html><script></script></html>')],
    [
      'latin1.txt',
      () => Buffer.concat([Buffer.from('caf'), Buffer.from([0xe9]), Buffer.from('\n')]),
    ],
    ['nul.txt', () => Buffer.from('text\u0000with a NUL')],
    ['empty.txt', () => Buffer.alloc(0)],
    ['no-extension', () => samplePdf()],
  ];

  it.each(cases)('%s', async (name, make) => {
    const content = await make();
    const path = join(dir, `${name}.upload`);
    await writeFile(path, content);

    const fromFile = await verdict(inspectEvidenceFile(path, content.length, name, limits));

    expect(fromFile).toEqual(await verdict(inspectEvidence(content, name, limits)));
  });

  it('splits a multi-byte character across read chunks without calling it invalid', async () => {
    // 64 KiB is the read size: put a 3-byte character across the boundary.
    const content = Buffer.concat([Buffer.alloc(65_535, 'a'), Buffer.from('€\n')]);
    const path = join(dir, 'boundary.txt.upload');
    await writeFile(path, content);

    expect(
      await verdict(inspectEvidenceFile(path, content.length, 'boundary.txt', limits)),
    ).toEqual({ accepted: { mediaType: 'text/plain; charset=utf-8', extension: 'txt' } });
  });
});
