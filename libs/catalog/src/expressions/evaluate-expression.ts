import type { Expression } from './expression-ast.js';
import { ExpressionError } from './expression.errors.js';

/** An answer as conditions see it: yes/no and choices as strings, several choices as a list. */
export type AnswerValue = string | number | boolean | readonly string[] | null;

export type AnswerLookup = (questionId: string) => AnswerValue | undefined;

type Value = AnswerValue;

/**
 * Evaluates a parsed condition against the answers given so far. Missing answers are null;
 * comparing values of different types is false rather than an error, so a half-filled
 * questionnaire never breaks.
 */
export function evaluateExpression(expression: Expression, answers: AnswerLookup): boolean {
  return truthy(evaluate(expression, answers));
}

function evaluate(expression: Expression, answers: AnswerLookup): Value {
  switch (expression.kind) {
    case 'literal':
      return expression.value;
    case 'answer':
      return answers(expression.questionId) ?? null;
    case 'answered': {
      const value = answers(expression.questionId);
      return value !== undefined && value !== null && !(Array.isArray(value) && value.length === 0);
    }
    case 'includes': {
      const list = evaluate(expression.list, answers);
      const item = evaluate(expression.item, answers);
      return Array.isArray(list) && typeof item === 'string' && list.includes(item);
    }
    case 'not':
      return !truthy(evaluate(expression.operand, answers));
    case 'logical': {
      const left = truthy(evaluate(expression.left, answers));
      if (expression.operator === 'and') return left && truthy(evaluate(expression.right, answers));
      return left || truthy(evaluate(expression.right, answers));
    }
    case 'compare':
      return compare(
        expression.operator,
        evaluate(expression.left, answers),
        evaluate(expression.right, answers),
      );
  }
}

function compare(operator: string, left: Value, right: Value): boolean {
  if (operator === '==') return equal(left, right);
  if (operator === '!=') return !equal(left, right);
  const bothNumbers = typeof left === 'number' && typeof right === 'number';
  const bothStrings = typeof left === 'string' && typeof right === 'string';
  if (!bothNumbers && !bothStrings) return false;
  switch (operator) {
    case '<':
      return left < right;
    case '<=':
      return left <= right;
    case '>':
      return left > right;
    case '>=':
      return left >= right;
  }
  throw new ExpressionError(`Unknown operator ${operator}`);
}

function equal(left: Value, right: Value): boolean {
  if (Array.isArray(left) || Array.isArray(right)) return false;
  return left === right;
}

function truthy(value: Value): boolean {
  if (Array.isArray(value)) return value.length > 0;
  return value !== null && value !== false && value !== '' && value !== 0;
}
