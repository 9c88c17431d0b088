/**
 * VSAQ's condition language as its renderer evaluates it: ids (optionally `^id` for "is shown",
 * `id/yes`, `id/no`, `id/value`), `!` on the next operand, `&&` and `||` folded strictly left to
 * right with no precedence between them, parentheses, `false`, and the functions `matches` and
 * `contains` over quoted strings.
 */
export type VsaqCondition =
  | {
      readonly kind: 'ref';
      readonly id: string;
      readonly visibility: boolean;
      readonly suffix?: 'yes' | 'no' | 'value';
    }
  | { readonly kind: 'false' }
  | { readonly kind: 'not'; readonly operand: VsaqCondition }
  | {
      readonly kind: 'and' | 'or';
      readonly left: VsaqCondition;
      readonly right: VsaqCondition;
    }
  | { readonly kind: 'call'; readonly name: string };

export class VsaqConditionError extends Error {}

const MAX_CONDITION_LENGTH = 2_000;
const MAX_DEPTH = 32;

type Token = { type: 'id' | 'string' | 'op'; text: string };

function tokenize(source: string): Token[] {
  if (source.length > MAX_CONDITION_LENGTH)
    throw new VsaqConditionError(`the condition is longer than ${MAX_CONDITION_LENGTH} characters`);
  const tokens: Token[] = [];
  let i = 0;
  while (i < source.length) {
    const char = source[i];
    if (/\s/.test(char)) i++;
    else if (char === '&' || char === '|') {
      if (source[i + 1] !== char)
        throw new VsaqConditionError(`write "${char}${char}", not "${char}"`);
      tokens.push({ type: 'op', text: char + char });
      i += 2;
    } else if ('()!,'.includes(char)) {
      tokens.push({ type: 'op', text: char });
      i++;
    } else if (char === '"') {
      let end = i + 1;
      while (end < source.length && source[end] !== '"') end += source[end] === '\\' ? 2 : 1;
      if (end >= source.length) throw new VsaqConditionError('a quoted string is not closed');
      tokens.push({ type: 'string', text: source.slice(i + 1, end) });
      i = end + 1;
    } else {
      let end = i;
      while (end < source.length && !/[\s()!&|,"]/.test(source[end])) end++;
      tokens.push({ type: 'id', text: source.slice(i, end) });
      i = end;
    }
  }
  return tokens;
}

/** Parses a VSAQ `cond`; an empty condition is "always shown" (null). */
export function parseVsaqCondition(source: string): VsaqCondition | null {
  const tokens = tokenize(source);
  if (tokens.length === 0) return null;
  let index = 0;
  const peek = () => tokens[index];

  const operand = (depth: number): VsaqCondition => {
    if (depth > MAX_DEPTH)
      throw new VsaqConditionError(`the condition nests deeper than ${MAX_DEPTH} levels`);
    const token = tokens[index++];
    if (!token) throw new VsaqConditionError('the condition ends where a value was expected');
    if (token.type === 'op' && token.text === '!')
      return { kind: 'not', operand: operand(depth + 1) };
    if (token.type === 'op' && token.text === '(') {
      const inner = sequence(depth + 1);
      if (tokens[index++]?.text !== ')') throw new VsaqConditionError('a "(" is not closed');
      return inner;
    }
    if (token.type === 'id') {
      if (token.text === 'false') return { kind: 'false' };
      if ((token.text === 'matches' || token.text === 'contains') && peek()?.text === '(') {
        skipCall();
        return { kind: 'call', name: token.text };
      }
      const match = /^(\^?)([^/^]+)(?:\/(yes|no|value))?$/.exec(token.text);
      if (!match) throw new VsaqConditionError(`"${token.text}" is not an item id`);
      return {
        kind: 'ref',
        id: match[2],
        visibility: match[1] === '^',
        ...(match[3] ? { suffix: match[3] as 'yes' | 'no' | 'value' } : {}),
      };
    }
    throw new VsaqConditionError(
      token.type === 'string'
        ? 'a quoted string can only be a function argument'
        : `unexpected "${token.text}"`,
    );
  };

  const skipCall = () => {
    let depth = 0;
    do {
      const token = tokens[index++];
      if (!token) throw new VsaqConditionError('a function call is not closed');
      if (token.text === '(') depth++;
      if (token.text === ')') depth--;
    } while (depth > 0);
  };

  // VSAQ folds && and || left to right: `a || b && c` is `(a || b) && c`.
  const sequence = (depth: number): VsaqCondition => {
    let left = operand(depth);
    for (
      let token = peek();
      token?.type === 'op' && (token.text === '&&' || token.text === '||');
      token = peek()
    ) {
      index++;
      left = { kind: token.text === '&&' ? 'and' : 'or', left, right: operand(depth) };
    }
    return left;
  };

  const condition = sequence(0);
  const rest = peek();
  if (rest)
    throw new VsaqConditionError(`unexpected "${rest.text}" (ids must be joined with && or ||)`);
  return condition;
}
