import { ArchiveRejectedError } from '../zip/archive.errors.js';
import type { PartWatcher } from '../zip/inspect-zip.js';
import type { SpreadsheetLimits } from './spreadsheet-limits.js';

// As loose as exceljs's own matching (unanchored), so no name it parses escapes the watch.
const WORKSHEET_PART = /xl\/worksheets\/sheet\d+[.]xml/;
const XML_PART = /[.](xml|rels|vml)/i;
/** Longest tag accepted; Excel's longest (namespace lists, range lists) are a few kilobytes. */
export const MAX_MARKUP_BYTES = 256 * 1024;
/** `&amp;`, `&#x1F600;`: longer runs after `&` are counted as text. */
const MAX_ENTITY_BYTES = 12;

const LT = 0x3c;
const GT = 0x3e;
const AMP = 0x26;
const SEMICOLON = 0x3b;

type State = 'text' | 'entity' | 'tag';

/**
 * Watches the XML parts of an XLSX while they unpack, before exceljs parses anything: no text
 * run (a shared string, an inline string, a value) may exceed the cell limit, no tag may be
 * huge, and rows and cells are counted. Characters are counted from UTF-8 (continuation bytes
 * skipped, an entity counts as one), across chunk boundaries.
 */
export function spreadsheetPartWatchers(
  limits: SpreadsheetLimits,
): (name: string) => PartWatcher | undefined {
  let cells = 0;
  return (name) => {
    if (!XML_PART.test(name)) return undefined;
    const worksheet = WORKSHEET_PART.test(name);
    let rows = 0;
    let state: State = 'text';
    let runChars = 0;
    let entityBytes = 0;
    let tagBytes = 0;
    let tagName = '';
    let naming = false;

    const endTagName = () => {
      naming = false;
      if (!worksheet || tagName.startsWith('/')) return;
      const local = tagName.slice(tagName.indexOf(':') + 1);
      if (local === 'row' && ++rows > limits.maxRowsPerSheet + 1) {
        throw new ArchiveRejectedError(
          `A sheet has more than ${limits.maxRowsPerSheet.toLocaleString('en')} rows.`,
        );
      }
      if (local === 'c' && ++cells > limits.maxCells) {
        throw new ArchiveRejectedError(
          `The workbook has more than ${limits.maxCells.toLocaleString('en')} cells.`,
        );
      }
    };
    const countChar = (count: number) => {
      runChars += count;
      if (runChars > limits.maxCellChars) {
        throw new ArchiveRejectedError(
          `A cell or text in the workbook is longer than ${limits.maxCellChars.toLocaleString('en')} characters.`,
        );
      }
    };
    const openTag = () => {
      state = 'tag';
      tagBytes = 0;
      tagName = '';
      naming = true;
    };

    return (chunk) => {
      for (let at = 0; at < chunk.length; at++) {
        const byte = chunk[at];
        if (state === 'tag') {
          if (byte === GT) {
            if (naming) endTagName();
            state = 'text';
            runChars = 0;
            continue;
          }
          if (++tagBytes > MAX_MARKUP_BYTES) {
            throw new ArchiveRejectedError(
              'The workbook is damaged: it holds a tag longer than 256 KB.',
            );
          }
          if (naming) {
            if (byte === 0x20 || byte === 0x2f || byte === 0x09 || byte === 0x0a || byte === 0x0d) {
              // `</row>` starts with a slash, so closing tags never count.
              if (tagName === '') tagName = '/';
              else endTagName();
            } else if (tagName.length < 16) {
              tagName += String.fromCharCode(byte);
            }
          }
          continue;
        }
        if (byte === LT) {
          openTag();
          continue;
        }
        if (state === 'entity') {
          if (byte === SEMICOLON) state = 'text';
          else if (++entityBytes > MAX_ENTITY_BYTES) {
            state = 'text';
            countChar(entityBytes);
          }
          continue;
        }
        if (byte === AMP) {
          state = 'entity';
          entityBytes = 0;
          countChar(1);
        } else if ((byte & 0xc0) !== 0x80) {
          countChar(1);
        }
      }
    };
  };
}
