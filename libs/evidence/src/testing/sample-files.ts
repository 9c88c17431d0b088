import ExcelJS from 'exceljs';
import { crc32, deflateSync } from 'node:zlib';
import { zipArchive } from './zip-archive.js';

// Tiny but genuine files of each kind, built in code so tests need no binary fixtures. Test-only.

/** A 1×1 PNG: signature, IHDR, one IDAT, IEND, with real CRCs. */
export function samplePng(): Buffer {
  const chunk = (type: string, data: Buffer) => {
    const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
    const length = Buffer.alloc(4);
    length.writeUInt32BE(data.length);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(body));
    return Buffer.concat([length, body, crc]);
  };
  const ihdr = Buffer.from([0, 0, 0, 1, 0, 0, 0, 1, 8, 6, 0, 0, 0]); // 1×1, 8-bit RGBA
  const pixels = deflateSync(Buffer.from([0, 255, 0, 0, 255])); // filter byte + one red pixel
  return Buffer.concat([
    Buffer.from('89504e470d0a1a0a', 'hex'),
    chunk('IHDR', ihdr),
    chunk('IDAT', pixels),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

/** SOI, a JFIF APP0 segment, EOI. */
export function sampleJpeg(): Buffer {
  return Buffer.from('ffd8ffe000104a46494600010100000100010000ffd9', 'hex');
}

/** A 1×1 transparent GIF89a. */
export function sampleGif(): Buffer {
  return Buffer.from(
    '47494638396101000100800000000000ffffff21f90401000000002c00000000010001000002024401003b',
    'hex',
  );
}

/** A RIFF/WEBP container with a VP8L chunk header. */
export function sampleWebp(): Buffer {
  const vp8l = Buffer.from('2f00000000', 'hex');
  const chunk = Buffer.concat([Buffer.from('VP8L'), le32(vp8l.length), vp8l, Buffer.alloc(1)]);
  const body = Buffer.concat([Buffer.from('WEBP'), chunk]);
  return Buffer.concat([Buffer.from('RIFF'), le32(body.length), body]);
}

/** An empty one-page-tree PDF; `binaryComment` adds the high-byte line real writers put on line 2. */
export function samplePdf({ binaryComment = true } = {}): Buffer {
  return Buffer.concat([
    Buffer.from('%PDF-1.7\n'),
    binaryComment ? Buffer.from([0x25, 0xe2, 0xe3, 0xcf, 0xd3, 0x0a]) : Buffer.alloc(0),
    Buffer.from(
      '1 0 obj <</Type /Catalog /Pages 2 0 R>> endobj\n' +
        '2 0 obj <</Type /Pages /Kids [] /Count 0>> endobj\n' +
        'trailer <</Root 1 0 R>>\n%%EOF\n',
    ),
  ]);
}

/** A DOS stub ("MZ", e_lfanew at 0x3C) pointing at a PE signature: what every Windows .exe starts with. */
export function sampleWindowsExe(): Buffer {
  const exe = Buffer.alloc(256);
  exe.write('MZ', 0, 'latin1');
  exe.writeUInt32LE(0x80, 0x3c);
  exe.write('PE\0\0', 0x80, 'latin1');
  exe.writeUInt16LE(0x8664, 0x84); // machine: x86-64
  return exe;
}

export function sampleElf(): Buffer {
  return Buffer.concat([Buffer.from([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0]), Buffer.alloc(56)]);
}

const RELS =
  '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"/>';

function ooxml(mainPart: string, mainContentType: string, body: string): Buffer {
  return zipArchive([
    [
      '[Content_Types].xml',
      '<?xml version="1.0" encoding="UTF-8"?>' +
        '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">' +
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>' +
        `<Override PartName="/${mainPart}" ContentType="${mainContentType}"/></Types>`,
    ],
    ['_rels/.rels', RELS],
    [mainPart, body],
  ]);
}

export function sampleDocx({ macroEnabled = false } = {}): Buffer {
  const contentType = macroEnabled
    ? 'application/vnd.ms-word.document.macroEnabled.main+xml'
    : 'application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml';
  return ooxml(
    'word/document.xml',
    contentType,
    '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">' +
      '<w:body><w:p><w:r><w:t>Evidence</w:t></w:r></w:p></w:body></w:document>',
  );
}

export function samplePptx(): Buffer {
  return ooxml(
    'ppt/presentation.xml',
    'application/vnd.openxmlformats-officedocument.presentationml.presentation.main+xml',
    '<p:presentation xmlns:p="http://schemas.openxmlformats.org/presentationml/2006/main"/>',
  );
}

export async function sampleXlsx(): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.addWorksheet('Controls').addRow(['MFA enforced', 'yes']);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** ODF puts an uncompressed `mimetype` entry first, precisely so it can be sniffed. */
export function sampleOdf(mimeType: string): Buffer {
  return zipArchive([
    ['mimetype', mimeType],
    ['content.xml', '<office:document-content/>'],
  ]);
}

export function samplePlainZip(): Buffer {
  return zipArchive([['readme.txt', 'just a zip']]);
}

function le32(value: number): Buffer {
  const out = Buffer.alloc(4);
  out.writeUInt32LE(value);
  return out;
}
