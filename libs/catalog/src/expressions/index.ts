export { type Expression, referencedQuestions } from './expression-ast.js';
export { ExpressionError } from './expression.errors.js';
export { type AnswerLookup, type AnswerValue, evaluateExpression } from './evaluate-expression.js';
export { parseExpression } from './parse-expression.js';
export { MAX_EXPRESSION_LENGTH } from './tokenize.js';
