import { ExpressionError } from './expression.errors.js';

export type Token =
  | { readonly type: 'string'; readonly value: string; readonly position: number }
  | { readonly type: 'number'; readonly value: number; readonly position: number }
  | { readonly type: 'word'; readonly value: string; readonly position: number }
  | { readonly type: 'symbol'; readonly value: string; readonly position: number };

export const MAX_EXPRESSION_LENGTH = 500;
const MAX_TOKENS = 200;
const SYMBOLS = ['==', '!=', '<=', '>=', '<', '>', '(', ')', ','];

/** Splits a condition into tokens; refuses anything outside the small language. */
export function tokenize(source: string): Token[] {
  if (source.length > MAX_EXPRESSION_LENGTH) {
    throw new ExpressionError(`A condition may be at most ${MAX_EXPRESSION_LENGTH} characters`);
  }
  const tokens: Token[] = [];
  let i = 0;
  while (i < source.length) {
    const char = source[i];
    if (/\s/.test(char)) {
      i++;
      continue;
    }
    if (tokens.length >= MAX_TOKENS) {
      throw new ExpressionError(`A condition may have at most ${MAX_TOKENS} tokens`, i);
    }
    if (char === "'" || char === '"') {
      const end = source.indexOf(char, i + 1);
      if (end < 0) throw new ExpressionError('Unterminated string', i);
      tokens.push({ type: 'string', value: source.slice(i + 1, end), position: i });
      i = end + 1;
      continue;
    }
    const number = /^-?\d+(\.\d+)?/.exec(source.slice(i));
    if (number && (char !== '-' || /\d/.test(source[i + 1] ?? ''))) {
      tokens.push({ type: 'number', value: Number(number[0]), position: i });
      i += number[0].length;
      continue;
    }
    const word = /^[A-Za-z_][A-Za-z0-9_]*/.exec(source.slice(i));
    if (word) {
      tokens.push({ type: 'word', value: word[0], position: i });
      i += word[0].length;
      continue;
    }
    const symbol = SYMBOLS.find((s) => source.startsWith(s, i));
    if (!symbol) throw new ExpressionError(`Unexpected character ${JSON.stringify(char)}`, i);
    tokens.push({ type: 'symbol', value: symbol, position: i });
    i += symbol.length;
  }
  return tokens;
}
