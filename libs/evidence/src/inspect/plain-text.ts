import { isUtf8 } from 'node:buffer';

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
