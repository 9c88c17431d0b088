import {
  appendHiddenParts,
  packPart,
  packRepeated,
  type PackedPart,
  writeZip,
  type ZipOptions,
  type ZipPart,
} from './zip-writer.js';

const XML = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';
const MAIN = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const RELS = 'http://schemas.openxmlformats.org/package/2006/relationships';
const DOC_RELS = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const TYPES = 'application/vnd.openxmlformats-officedocument.spreadsheetml';

const CONTENT_TYPES =
  `${XML}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
  '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>' +
  '<Default Extension="xml" ContentType="application/xml"/>' +
  `<Override PartName="/xl/workbook.xml" ContentType="${TYPES}.sheet.main+xml"/>` +
  `<Override PartName="/xl/worksheets/sheet1.xml" ContentType="${TYPES}.worksheet+xml"/>` +
  `<Override PartName="/xl/sharedStrings.xml" ContentType="${TYPES}.sharedStrings+xml"/>` +
  '</Types>';
const ROOT_RELS =
  `${XML}<Relationships xmlns="${RELS}">` +
  `<Relationship Id="rId1" Type="${DOC_RELS}/officeDocument" Target="xl/workbook.xml"/>` +
  '</Relationships>';
const WORKBOOK =
  `${XML}<workbook xmlns="${MAIN}" xmlns:r="${DOC_RELS}">` +
  '<sheets><sheet name="Questions" sheetId="1" r:id="rId1"/></sheets></workbook>';
const WORKBOOK_RELS =
  `${XML}<Relationships xmlns="${RELS}">` +
  `<Relationship Id="rId1" Type="${DOC_RELS}/worksheet" Target="worksheets/sheet1.xml"/>` +
  `<Relationship Id="rId2" Type="${DOC_RELS}/sharedStrings" Target="sharedStrings.xml"/>` +
  '</Relationships>';

export const SHARED_STRINGS_HEAD = `${XML}<sst xmlns="${MAIN}" count="1" uniqueCount="1"><si><t>`;
export const SHARED_STRINGS_TAIL = '</t></si></sst>';

/** A worksheet whose cells are given as `<row>` XML. */
export function worksheetXml(rows: string): string {
  return `${XML}<worksheet xmlns="${MAIN}"><sheetData>${rows}</sheetData></worksheet>`;
}

/** A1 shows shared string 0. */
const FIRST_STRING_SHEET = worksheetXml('<row r="1"><c r="A1" t="s"><v>0</v></c></row>');

/** The smallest XLSX exceljs reads: one sheet ("Questions") and a shared-strings part. */
export function minimalXlsx(
  parts: { sheet?: PackedPart; sharedStrings?: PackedPart; extra?: readonly ZipPart[] } = {},
  options: ZipOptions = {},
): Buffer {
  return writeZip(
    [
      { name: '[Content_Types].xml', part: packPart(CONTENT_TYPES) },
      { name: '_rels/.rels', part: packPart(ROOT_RELS) },
      { name: 'xl/workbook.xml', part: packPart(WORKBOOK) },
      { name: 'xl/_rels/workbook.xml.rels', part: packPart(WORKBOOK_RELS) },
      { name: 'xl/worksheets/sheet1.xml', part: parts.sheet ?? packPart(FIRST_STRING_SHEET) },
      {
        name: 'xl/sharedStrings.xml',
        part:
          parts.sharedStrings ??
          packPart(`${SHARED_STRINGS_HEAD}question_id${SHARED_STRINGS_TAIL}`),
      },
      ...(parts.extra ?? []),
    ],
    options,
  );
}

/**
 * Issue 13's first bomb: an XLSX of ~177 KB whose only shared string is 180 million characters
 * long (exceljs unpacked and parsed it whole, and the API died of heap exhaustion).
 */
export async function sharedStringBomb(characters = 180_000_000): Promise<Buffer> {
  const sharedStrings = await packRepeated(
    SHARED_STRINGS_HEAD,
    'a',
    characters,
    SHARED_STRINGS_TAIL,
  );
  return minimalXlsx({ sharedStrings });
}

/**
 * Issue 13's second bomb: a real workbook with `count` extra sheets of `bytes` each added to the
 * ZIP while its end record still claims the old entry count, so a guard that trusts that count
 * never looks at them (the issue's file was 586 KB; these rows pack less tightly, 1.5 MB, and
 * exceljs runs out of a 384 MB heap modelling them, as the API did).
 */
export async function hiddenSheetsBomb(
  workbook: Buffer,
  count = 4,
  bytes = 150 * 1024 * 1024,
): Promise<Buffer> {
  const head = `${XML}<worksheet xmlns="${MAIN}"><sheetData>`;
  const tail = '</sheetData></worksheet>';
  // Millions of one-cell rows: exceljs models every one of them.
  const unit = '<row><c><v>1</v></c></row>';
  const sheet = await packRepeated(head, unit, Math.floor(bytes / unit.length), tail);
  return appendHiddenParts(
    workbook,
    Array.from({ length: count }, (_, index) => ({
      name: `xl/worksheets/sheet${101 + index}.xml`,
      part: sheet,
    })),
  );
}
