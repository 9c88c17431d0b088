import {
  type DocumentNode,
  type FragmentDefinitionNode,
  Kind,
  type SelectionSetNode,
} from 'graphql';

/**
 * Root fields that do heavy work for their tenant (re-walking the whole audit trail, rescoring
 * every assessment, parsing an uploaded questionnaire), priced at half the operation budget each:
 * one fits in a document, two do not, so aliases cannot multiply them.
 */
export const EXPENSIVE_FIELD_COST = 25_000;
export const EXPENSIVE_FIELDS: ReadonlySet<string> = new Set([
  'verifyAuditTrail',
  'recomputeScores',
  'importTemplate',
]);

/** What a document's expensive root fields add to its cost, through fragments and aliases too. */
export function expensiveFieldsCost(document: DocumentNode): number {
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const definition of document.definitions) {
    if (definition.kind === Kind.FRAGMENT_DEFINITION) {
      fragments.set(definition.name.value, definition);
    }
  }
  const count = (selections: SelectionSetNode, seen: ReadonlySet<string>): number => {
    let total = 0;
    for (const selection of selections.selections) {
      if (selection.kind === Kind.FIELD) {
        if (EXPENSIVE_FIELDS.has(selection.name.value)) total += EXPENSIVE_FIELD_COST;
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        total += count(selection.selectionSet, seen);
      } else {
        const name = selection.name.value;
        const fragment = fragments.get(name);
        // Each spread of a fragment runs its fields again; a cycle is refused by validation.
        if (fragment && !seen.has(name)) {
          total += count(fragment.selectionSet, new Set([...seen, name]));
        }
      }
    }
    return total;
  };
  let total = 0;
  for (const definition of document.definitions) {
    if (definition.kind === Kind.OPERATION_DEFINITION) {
      total += count(definition.selectionSet, new Set());
    }
  }
  return total;
}
