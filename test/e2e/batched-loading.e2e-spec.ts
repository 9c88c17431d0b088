import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import {
  AnswersContents,
  CustomerRemediationService,
  MspWorkspaceService,
  ScoresService,
} from '@app/assessments';
import { AssessmentFixtures, type TestTenant } from '@app/testing';
import { startTestApi, type TestApi } from '../support/test-api.js';

interface Scored {
  id: string;
  score: { kind: string; overall: number | null };
}

/**
 * A list's per-item fields load in one batch per request, not one round of queries per item:
 * scores on both sides' lists, and a finding's history and acceptances.
 */
describe('batched loading of list fields', () => {
  let api: TestApi;
  let customer: TestTenant;
  let msp: TestTenant;
  let ids: string[];

  beforeAll(async () => {
    api = await startTestApi();
    customer = await api.tenant('Batch Customer');
    msp = await api.tenant('Batch MSP', { answersAssessments: true });
    const fixtures = new AssessmentFixtures(api.app, customer, msp);
    // One of each: provisional with no answers, provisional with answers, final.
    ids = [
      await fixtures.sent(),
      await fixtures.answered(),
      (await fixtures.completedFailing()).id,
    ];
  }, 60_000);

  afterAll(() => api.close());

  async function ok<T>(who: TestTenant, query: string): Promise<T> {
    const response = await api.gql<T>(query, { token: who.token });
    expect(response.body.errors).toBeUndefined();
    return response.body.data as T;
  }

  /** Calls to the service's batch and single-item methods while `run` runs. */
  async function counting<T>(
    service: object,
    batch: string,
    single: string | null,
    run: () => Promise<T>,
  ): Promise<{ result: T; batches: unknown[][]; singles: number }> {
    const methods = service as Record<string, () => unknown>;
    const batchSpy = jest.spyOn(methods, batch);
    const singleSpy = single ? jest.spyOn(methods, single) : null;
    try {
      const result = await run();
      return {
        result,
        batches: batchSpy.mock.calls,
        singles: singleSpy?.mock.calls.length ?? 0,
      };
    } finally {
      batchSpy.mockRestore();
      singleSpy?.mockRestore();
    }
  }

  it("scores a customer's list in one batch, with the same figures as one at a time", async () => {
    const scores = api.app.get(ScoresService);
    const { result, batches, singles } = await counting(scores, 'currentMany', 'current', () =>
      ok<{ assessments: { nodes: Scored[] } }>(
        customer,
        '{ assessments(first: 10) { nodes { id score { kind overall } } } }',
      ),
    );
    expect(singles).toBe(0);
    expect(batches).toHaveLength(1);
    expect([...(batches[0]?.[1] as string[])].sort()).toEqual([...ids].sort());
    const nodes = result.assessments.nodes;
    expect(nodes.map((n) => n.score.kind).sort()).toEqual(['FINAL', 'PROVISIONAL', 'PROVISIONAL']);
    for (const node of nodes) {
      const alone = await customer.as(() => scores.current('customer', node.id));
      expect(node.score.overall).toBe(alone.result.overall);
    }
  });

  it("loads both sides' list progress in one batch", async () => {
    const contents = api.app.get(AnswersContents);
    for (const [who, query, field] of [
      [
        customer,
        '{ assessments(first: 10) { nodes { progress { answered visible } } } }',
        'assessments',
      ],
      [msp, '{ inbox(first: 10) { nodes { progress { answered visible } } } }', 'inbox'],
    ] as const) {
      const { result, batches } = await counting(contents, 'load', null, () =>
        ok<Record<string, { nodes: { progress: { answered: number; visible: number } }[] }>>(
          who,
          query,
        ),
      );
      expect(batches).toHaveLength(1);
      const progress = result[field]?.nodes.map((n) => n.progress.answered > 0) ?? [];
      expect(progress.sort()).toEqual([false, true, true]);
    }
  });

  it("scores the MSP's inbox in one batch", async () => {
    const { result, batches, singles } = await counting(
      api.app.get(ScoresService),
      'currentMany',
      'current',
      () =>
        ok<{ inbox: { nodes: Scored[] } }>(
          msp,
          '{ inbox(first: 10) { nodes { id score { kind } } } }',
        ),
    );
    expect(singles).toBe(0);
    expect(batches).toHaveLength(1);
    expect(result.inbox.nodes).toHaveLength(3);
  });

  it("loads every finding's history and acceptances in one batch each", async () => {
    const remediation = api.app.get(CustomerRemediationService);
    const updates = await counting(remediation, 'updatesOf', 'updates', () =>
      counting(remediation, 'acceptancesOf', null, () =>
        ok<{ findings: { nodes: { id: string }[] } }>(
          customer,
          '{ findings(first: 50) { nodes { id updates { kind } acceptances { id } } } }',
        ),
      ),
    );
    const acceptances = updates.result;
    expect(acceptances.result.findings.nodes.length).toBeGreaterThan(1);
    expect(updates.batches).toHaveLength(1);
    expect(updates.singles).toBe(0);
    expect(acceptances.batches).toHaveLength(1);
  });

  it("loads the MSP's shared findings' histories in one batch", async () => {
    const { result, batches } = await counting(
      api.app.get(MspWorkspaceService),
      'updatesOf',
      null,
      () =>
        ok<{ vendorFindings: { nodes: { id: string; updates: unknown[] }[] } }>(
          msp,
          '{ vendorFindings(first: 50) { nodes { id updates { kind } } } }',
        ),
    );
    const ids = result.vendorFindings.nodes.map((n) => n.id);
    expect(ids.length).toBeGreaterThan(1);
    expect(batches).toHaveLength(1);
    expect([...(batches[0]?.[0] as string[])].sort()).toEqual([...ids].sort());
  });
});
