import type { CompareOperator, Expression } from './expression-ast.js';
import { ExpressionError } from './expression.errors.js';
import { QUESTION_ID_PATTERN } from '../templates/template.types.js';
import { type Token, tokenize } from './tokenize.js';

const MAX_DEPTH = 32;
const COMPARE_OPERATORS: readonly string[] = ['==', '!=', '<', '<=', '>', '>='];

/**
 * Parses a visibility condition, e.g. `answer('MFA-01') == 'yes' and answer('LOG-02') >= 6`.
 * Grammar (lowest precedence first): or → and → not → comparison → primary. Never `eval`.
 */
export function parseExpression(source: string): Expression {
  const parser = new Parser(tokenize(source), source.length);
  const expression = parser.parseOr(0);
  parser.expectEnd();
  return expression;
}

class Parser {
  private index = 0;

  constructor(
    private readonly tokens: Token[],
    private readonly length: number,
  ) {}

  parseOr(depth: number): Expression {
    let left = this.parseAnd(depth);
    while (this.acceptWord('or'))
      left = { kind: 'logical', operator: 'or', left, right: this.parseAnd(depth) };
    return left;
  }

  expectEnd(): void {
    const token = this.tokens[this.index];
    if (token) throw new ExpressionError(`Unexpected ${describe(token)}`, token.position);
  }

  private parseAnd(depth: number): Expression {
    let left = this.parseNot(depth);
    while (this.acceptWord('and'))
      left = { kind: 'logical', operator: 'and', left, right: this.parseNot(depth) };
    return left;
  }

  private parseNot(depth: number): Expression {
    if (this.acceptWord('not')) return { kind: 'not', operand: this.parseNot(this.deeper(depth)) };
    return this.parseComparison(depth);
  }

  private parseComparison(depth: number): Expression {
    const left = this.parsePrimary(depth);
    const token = this.tokens[this.index];
    if (token?.type === 'symbol' && COMPARE_OPERATORS.includes(token.value)) {
      this.index++;
      const right = this.parsePrimary(depth);
      return { kind: 'compare', operator: token.value as CompareOperator, left, right };
    }
    return left;
  }

  private parsePrimary(depth: number): Expression {
    const token = this.next('a value');
    if (token.type === 'string' || token.type === 'number')
      return { kind: 'literal', value: token.value };
    if (token.type === 'symbol' && token.value === '(') {
      const inner = this.parseOr(this.deeper(depth));
      this.expectSymbol(')');
      return inner;
    }
    if (token.type === 'word') {
      switch (token.value) {
        case 'true':
        case 'false':
          return { kind: 'literal', value: token.value === 'true' };
        case 'null':
          return { kind: 'literal', value: null };
        case 'answer':
        case 'answered':
          return { kind: token.value, questionId: this.questionIdArgument() };
        case 'includes': {
          this.expectSymbol('(');
          const list = this.parseOr(this.deeper(depth));
          this.expectSymbol(',');
          const item = this.parseOr(this.deeper(depth));
          this.expectSymbol(')');
          return { kind: 'includes', list, item };
        }
      }
      throw new ExpressionError(`Unknown name "${token.value}"`, token.position);
    }
    throw new ExpressionError(`Unexpected ${describe(token)}`, token.position);
  }

  private questionIdArgument(): string {
    this.expectSymbol('(');
    const token = this.next('a question id');
    if (token.type !== 'string' || !QUESTION_ID_PATTERN.test(token.value)) {
      throw new ExpressionError("Expected a question id such as 'MFA-01'", token.position);
    }
    this.expectSymbol(')');
    return token.value;
  }

  private deeper(depth: number): number {
    if (depth >= MAX_DEPTH) {
      throw new ExpressionError(
        `A condition may nest at most ${MAX_DEPTH} levels`,
        this.tokens[this.index]?.position,
      );
    }
    return depth + 1;
  }

  private acceptWord(word: string): boolean {
    const token = this.tokens[this.index];
    if (token?.type === 'word' && token.value === word) {
      this.index++;
      return true;
    }
    return false;
  }

  private expectSymbol(symbol: string): void {
    const token = this.next(`"${symbol}"`);
    if (token.type !== 'symbol' || token.value !== symbol) {
      throw new ExpressionError(
        `Expected "${symbol}" but found ${describe(token)}`,
        token.position,
      );
    }
  }

  private next(expected: string): Token {
    const token = this.tokens[this.index++];
    if (!token)
      throw new ExpressionError(`Expected ${expected} but the condition ended`, this.length);
    return token;
  }
}

function describe(token: Token): string {
  return token.type === 'string' ? `string '${token.value}'` : `"${String(token.value)}"`;
}
