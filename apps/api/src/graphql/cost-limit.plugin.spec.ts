import { readFileSync } from 'node:fs';
import { describe, expect, it } from '@jest/globals';
import { buildSchema, parse } from 'graphql';
import { costRefusal } from './cost-limit.plugin.js';
import { OPERATION_LIMITS } from './operation-limits.js';

const schema = buildSchema(readFileSync('apps/api/schema.gql', 'utf8'));

const HEATMAP_FIELDS = `families { familyId title }
  edges { cursor node { vendorId vendorName tier overall rating scores } }
  pageInfo { endCursor hasNextPage }`;

/** The operation's cost as armor counts it, read from the refusal of a zero budget. */
function cost(query: string, variables: Record<string, unknown> = {}): number {
  const refusal = costRefusal(schema, parse(query), variables, 0);
  const found = /found (\d+(\.\d+)?)/.exec(refusal?.message ?? '');
  if (!found) throw new Error(`no cost in ${refusal?.message}`);
  return Number(found[1]);
}

describe('the cost limit', () => {
  it('counts a page size given in a variable exactly like the same size written in', () => {
    const literal = cost(`{ riskHeatmap(first: 1000) { ${HEATMAP_FIELDS} } }`);
    expect(
      cost(`query($n: Int!) { riskHeatmap(first: $n) { ${HEATMAP_FIELDS} } }`, { n: 1000 }),
    ).toBe(literal);
    expect(cost(`query($n: Int! = 1000) { riskHeatmap(first: $n) { ${HEATMAP_FIELDS} } }`)).toBe(
      literal,
    );
  });

  it("counts a left-out page size as the argument's default", () => {
    expect(cost(`{ riskHeatmap { ${HEATMAP_FIELDS} } }`)).toBe(
      cost(`{ riskHeatmap(first: 50) { ${HEATMAP_FIELDS} } }`),
    );
  });

  it('fits the heaviest real operation, the whole heatmap of 1,000 vendors', () => {
    const query = parse(`query($n: Int!) { riskHeatmap(first: $n) { ${HEATMAP_FIELDS} } }`);
    expect(costRefusal(schema, query, { n: 1000 }, OPERATION_LIMITS.maxCost)).toBeUndefined();
  });

  it('refuses a padded page over budget, even when its size comes in a variable', () => {
    const padded = `query($n: Int!) { riskHeatmap(first: $n) {
      edges { node { ${'vendorId '.repeat(40)} } } } }`;
    expect(costRefusal(schema, parse(padded), { n: 1 }, OPERATION_LIMITS.maxCost)).toBeUndefined();
    expect(
      costRefusal(schema, parse(padded), { n: 1000 }, OPERATION_LIMITS.maxCost)?.message,
    ).toMatch(/^Syntax Error: Query Cost limit of 50000 exceeded, found \d+/);
  });

  it('prices expensive operations so that aliases cannot run many in one document', () => {
    const verify = 'verifyAuditTrail { valid eventsChecked }';
    const refusal = (query: string) =>
      costRefusal(schema, parse(query), {}, OPERATION_LIMITS.maxCost)?.message;
    expect(refusal(`{ ${verify} }`)).toBeUndefined();
    const fifteen = Array.from({ length: 15 }, (_, i) => `v${i}: ${verify}`).join(' ');
    expect(refusal(`{ ${fifteen} }`)).toMatch(/Query Cost limit of 50000 exceeded, found 37\d{4}/);
    expect(refusal(`{ a: ${verify} b: ${verify} }`)).toMatch(/limit of 50000 exceeded/);
    // Through fragments too: each spread runs the field again.
    expect(
      refusal(`{ ...V ...W } fragment V on Query { a: ${verify} } fragment W on Query { ...V }`),
    ).toMatch(/limit of 50000 exceeded/);
    expect(refusal('mutation { a: recomputeScores b: recomputeScores }')).toMatch(
      /limit of 50000 exceeded/,
    );
  });
});
