/** The syntax tree of a visibility condition. Small on purpose: no property access, no calls but three. */
export type Expression =
  | { readonly kind: 'literal'; readonly value: string | number | boolean | null }
  | { readonly kind: 'answer'; readonly questionId: string }
  | { readonly kind: 'answered'; readonly questionId: string }
  | { readonly kind: 'includes'; readonly list: Expression; readonly item: Expression }
  | { readonly kind: 'not'; readonly operand: Expression }
  | {
      readonly kind: 'logical';
      readonly operator: 'and' | 'or';
      readonly left: Expression;
      readonly right: Expression;
    }
  | {
      readonly kind: 'compare';
      readonly operator: CompareOperator;
      readonly left: Expression;
      readonly right: Expression;
    };

export type CompareOperator = '==' | '!=' | '<' | '<=' | '>' | '>=';

/** Every question id an expression reads. */
export function referencedQuestions(expression: Expression): string[] {
  switch (expression.kind) {
    case 'literal':
      return [];
    case 'answer':
    case 'answered':
      return [expression.questionId];
    case 'includes':
      return [...referencedQuestions(expression.list), ...referencedQuestions(expression.item)];
    case 'not':
      return referencedQuestions(expression.operand);
    case 'logical':
    case 'compare':
      return [...referencedQuestions(expression.left), ...referencedQuestions(expression.right)];
  }
}
