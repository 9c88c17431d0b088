import { ApolloArmor } from '@escape.tech/graphql-armor';

/**
 * Limits every operation must pass before anything executes: nesting depth (through fragments
 * too), aliases (a way to batch inside one document), tokens, directives and estimated cost.
 */
export const OPERATION_LIMITS = {
  maxDepth: 10,
  maxAliases: 15,
  maxTokens: 2_000,
  maxDirectives: 50,
  // Calibrated on the heaviest real operation: the whole heatmap of a 1,000-vendor portfolio
  // with every field (47,000). Page sizes count as they run, variables and defaults included.
  maxCost: 50_000,
} as const;

export function operationLimitProtection() {
  return new ApolloArmor({
    maxDepth: { n: OPERATION_LIMITS.maxDepth, flattenFragments: true },
    maxAliases: { n: OPERATION_LIMITS.maxAliases },
    // Enforced by graphql-js's parser instead (see parseOptions): armor's check throws from a
    // plugin hook, which Apollo answers with HTTP 500.
    maxTokens: { enabled: false },
    maxDirectives: { n: OPERATION_LIMITS.maxDirectives },
    // Run by costLimitPlugin instead, once the variables (the page sizes) are known.
    costLimit: { enabled: false },
    blockFieldSuggestion: { enabled: true },
  }).protect();
}
