import { isUtf8 } from 'node:buffer';
import { createReadStream } from 'node:fs';

/** Valid UTF-8 with no NUL byte: what we accept as a text file. UTF-16 files fail here (NULs). */
export function isPlainUtf8Text(content: Buffer): boolean {
  return !content.includes(0) && isUtf8(content);
}

// Documents a browser could render as a page or image if it ever sniffed them. Kept to strong
// signals: a Markdown file opening with `<p align="center">` is still accepted.
const MARKUP_START = /^\s*<(?:!doctype\s+html|html|head|body|script|iframe|svg|\?xml)[\s>/]/i;

/** True when text opens like HTML, SVG or other XML, which we do not accept as evidence. */
export function looksLikeMarkup(content: Buffer): boolean {
  const start = content
    .subarray(0, 512)
    .toString('utf8')
    .replace(/^\uFEFF/, '');
  return MARKUP_START.test(start);
}

/** What a file is as text: plain text, markup we refuse, or not text at all. */
export type TextKind = 'text' | 'markup' | 'binary';

const HEAD_BYTES = 512;

/** `isPlainUtf8Text` and `looksLikeMarkup` over a file, streamed: memory stays at one chunk. */
export async function textKindOfFile(path: string): Promise<TextKind> {
  const decoder = new TextDecoder('utf-8', { fatal: true });
  let head = Buffer.alloc(0);
  try {
    for await (const chunk of createReadStream(path) as AsyncIterable<Buffer>) {
      if (chunk.includes(0)) return 'binary';
      decoder.decode(chunk, { stream: true });
      if (head.length < HEAD_BYTES) head = Buffer.concat([head, chunk.subarray(0, HEAD_BYTES)]);
    }
    decoder.decode();
  } catch (error) {
    // Not valid UTF-8. Matched by code: the decoder's TypeError may come from another realm.
    if ((error as NodeJS.ErrnoException).code === 'ERR_ENCODING_INVALID_ENCODED_DATA') {
      return 'binary';
    }
    throw error;
  }
  return looksLikeMarkup(head) ? 'markup' : 'text';
}
