import type { ApolloServerPlugin } from '@apollo/server';
import { costLimitRule } from '@escape.tech/graphql-armor-cost-limit';
import {
  type ArgumentNode,
  type DocumentNode,
  type FieldNode,
  GraphQLError,
  type GraphQLSchema,
  Kind,
  TypeInfo,
  type ValueNode,
  validate,
  visit,
  visitWithTypeInfo,
} from 'graphql';
import { expensiveFieldsCost } from './expensive-operations.js';

/** The arguments armor's cost rule multiplies a list's cost by. */
const PAGE_ARGUMENTS = new Set(['first', 'last']);

type Variables = Readonly<Record<string, unknown>>;

const integer = (value: unknown): number | undefined =>
  Number.isSafeInteger(value) ? (value as number) : undefined;

/** A page size as the operation will run it: literal, from a variable, or by default. */
function pageSize(
  given: ValueNode | undefined,
  variables: Variables,
  variableDefaults: ReadonlyMap<string, number>,
  argumentDefault: unknown,
): number | undefined {
  if (given?.kind === Kind.INT) return Number(given.value);
  if (given?.kind === Kind.VARIABLE) {
    const name = given.name.value;
    return integer(variables[name]) ?? variableDefaults.get(name) ?? integer(argumentDefault);
  }
  return given ? undefined : integer(argumentDefault);
}

/**
 * The document with every page size written in: a variable's value, or the argument's default
 * where the query leaves it out. Armor's rule only multiplies by literal sizes, so without this
 * `first: $n` (or no `first` at all) would cost like a page of one.
 */
export function withPageSizes(
  schema: GraphQLSchema,
  document: DocumentNode,
  variables: Variables,
): DocumentNode {
  const typeInfo = new TypeInfo(schema);
  const defaults = new Map<string, number>();
  for (const definition of document.definitions) {
    if (definition.kind !== Kind.OPERATION_DEFINITION) continue;
    for (const variable of definition.variableDefinitions ?? []) {
      const value = variable.defaultValue;
      if (value?.kind === Kind.INT) defaults.set(variable.variable.name.value, Number(value.value));
    }
  }
  return visit(
    document,
    visitWithTypeInfo(typeInfo, {
      Field(node: FieldNode): FieldNode | undefined {
        const page = typeInfo.getFieldDef()?.args.find((arg) => PAGE_ARGUMENTS.has(arg.name));
        if (!page) return undefined;
        const given = node.arguments?.find((arg) => arg.name.value === page.name);
        const size = pageSize(given?.value, variables, defaults, page.defaultValue);
        if (size === undefined) return undefined;
        const literal: ArgumentNode = {
          kind: Kind.ARGUMENT,
          name: { kind: Kind.NAME, value: page.name },
          value: { kind: Kind.INT, value: String(size) },
        };
        const others = (node.arguments ?? []).filter((arg) => arg.name.value !== page.name);
        return { ...node, arguments: [literal, ...others] };
      },
    }),
  );
}

/**
 * Armor's refusal of the operation as it will run, if its cost exceeds `maxCost`. Expensive
 * root fields (see expensive-operations.ts) add their price to what armor counts.
 */
export function costRefusal(
  schema: GraphQLSchema,
  document: DocumentNode,
  variables: Variables,
  maxCost: number,
): GraphQLError | undefined {
  const surcharge = expensiveFieldsCost(document);
  // Reported as a validation error rather than thrown, so it comes back from validate().
  const rule = costLimitRule({
    maxCost: Math.max(0, maxCost - surcharge),
    propagateOnRejection: false,
    onReject: [(context, error) => context?.reportError(error)],
  });
  const refusal = validate(schema, withPageSizes(schema, document, variables), [rule])[0];
  if (!refusal || surcharge === 0) return refusal;
  // Armor counted against the budget left after the surcharge: state the whole of both.
  return new GraphQLError(
    refusal.message.replace(
      /limit of [\d.]+ exceeded, found ([\d.]+)/,
      (_, found: string) => `limit of ${maxCost} exceeded, found ${Number(found) + surcharge}`,
    ),
  );
}

/** The variables that give page sizes: an operation's cost depends on their values only. */
function pageVariables(schema: GraphQLSchema, document: DocumentNode): string[] {
  const typeInfo = new TypeInfo(schema);
  const names = new Set<string>();
  visit(
    document,
    visitWithTypeInfo(typeInfo, {
      Argument(node: ArgumentNode) {
        if (typeInfo.getArgument() && PAGE_ARGUMENTS.has(node.name.value)) {
          if (node.value.kind === Kind.VARIABLE) names.add(node.value.name.value);
        }
      },
    }),
  );
  return [...names];
}

interface Pricing {
  readonly pageVariables: readonly string[];
  readonly refusals: Map<string, GraphQLError | null>;
}

/** How many distinct page-size combinations one document keeps priced. */
const PRICES_PER_DOCUMENT = 64;

/**
 * graphql-armor's cost limit, run once the operation's variables are known (Apollo's validation
 * rules see only the document). Refusals are 400s with armor's message, like the other limits.
 * Apollo hands over the same parsed document for the same query text, so each document is
 * priced once per combination of page sizes.
 */
export function costLimitPlugin(maxCost: number): ApolloServerPlugin {
  const prices = new WeakMap<DocumentNode, Pricing>();
  const refusalOf = (schema: GraphQLSchema, document: DocumentNode, variables: Variables) => {
    let pricing = prices.get(document);
    if (!pricing) {
      pricing = { pageVariables: pageVariables(schema, document), refusals: new Map() };
      prices.set(document, pricing);
    }
    const key = pricing.pageVariables.map((name) => String(variables[name])).join(',');
    let refusal = pricing.refusals.get(key);
    if (refusal === undefined) {
      if (pricing.refusals.size >= PRICES_PER_DOCUMENT) pricing.refusals.clear();
      refusal = costRefusal(schema, document, variables, maxCost) ?? null;
      pricing.refusals.set(key, refusal);
    }
    return refusal;
  };
  return {
    requestDidStart() {
      return Promise.resolve({
        didResolveOperation({ document, request, schema }) {
          const refusal = refusalOf(schema, document, request.variables ?? {});
          if (refusal) {
            throw new GraphQLError(refusal.message, {
              extensions: { code: 'GRAPHQL_VALIDATION_FAILED', http: { status: 400 } },
            });
          }
          return Promise.resolve();
        },
      });
    },
  };
}
