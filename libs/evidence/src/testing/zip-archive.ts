import { crc32 } from 'node:zlib';

/**
 * A zip of uncompressed ("stored") entries, in the given order: enough to build real DOCX, PPTX,
 * ODT and plain zip files for tests without a zip library. Test-only.
 */
export function zipArchive(
  entries: ReadonlyArray<readonly [name: string, content: string]>,
): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const [name, text] of entries) {
    const fileName = Buffer.from(name, 'utf8');
    const data = Buffer.from(text, 'utf8');
    const fields = entryFields(data);
    const local = Buffer.concat([
      header(0x04034b50, [[20, 2], ...fields, [fileName.length, 2], [0, 2]]),
      fileName,
      data,
    ]);
    const central = Buffer.concat([
      header(0x02014b50, [
        [20, 2],
        [20, 2],
        ...fields,
        [fileName.length, 2],
        [0, 2],
        [0, 2],
        [0, 2],
        [0, 2],
        [0, 4],
        [offset, 4],
      ]),
      fileName,
    ]);
    locals.push(local);
    centrals.push(central);
    offset += local.length;
  }
  const directory = Buffer.concat(centrals);
  const end = header(0x06054b50, [
    [0, 2],
    [0, 2],
    [entries.length, 2],
    [entries.length, 2],
    [directory.length, 4],
    [offset, 4],
    [0, 2],
  ]);
  return Buffer.concat([...locals, directory, end]);
}

type Field = readonly [value: number, bytes: 2 | 4];

/** flags, method (0 = stored), time, date (1980-01-01), CRC-32, compressed and plain sizes. */
function entryFields(data: Buffer): Field[] {
  return [
    [0, 2],
    [0, 2],
    [0, 2],
    [0x21, 2],
    [crc32(data), 4],
    [data.length, 4],
    [data.length, 4],
  ];
}

function header(signature: number, fields: readonly Field[]): Buffer {
  const out = Buffer.alloc(4 + fields.reduce((sum, [, bytes]) => sum + bytes, 0));
  out.writeUInt32LE(signature, 0);
  let at = 4;
  for (const [value, bytes] of fields) {
    if (bytes === 2) out.writeUInt16LE(value, at);
    else out.writeUInt32LE(value >>> 0, at);
    at += bytes;
  }
  return out;
}
