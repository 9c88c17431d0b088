import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { TestTenant } from '@app/testing';
import { startTestApi, type TestApi } from '../support/test-api.js';

interface IsolationProbe {
  organization: { id: string; name: string };
  auditEvents: { edges: { node: { summary: string } }[] };
}

const PROBE = `{
  organization { id name }
  auditEvents(first: 100) { edges { node { summary } } }
}`;

describe('tenant isolation over HTTP under concurrency', () => {
  let api: TestApi;
  let alpha: TestTenant;
  let beta: TestTenant;

  beforeAll(async () => {
    api = await startTestApi();
    alpha = await api.tenant('SENTINEL-A Alpha');
    beta = await api.tenant('SENTINEL-B Beta');
  });

  afterAll(() => api.close());

  it('never mixes tenants across 60 interleaved requests', async () => {
    const calls = Array.from({ length: 60 }, (_, i) => (i % 2 === 0 ? alpha : beta));
    const responses = await Promise.all(
      calls.map((tenant) => api.gql<IsolationProbe>(PROBE, { token: tenant.token })),
    );
    responses.forEach((response, i) => {
      const own = calls[i];
      const foreign = own === alpha ? 'SENTINEL-B' : 'SENTINEL-A';
      expect(response.body.errors).toBeUndefined();
      expect(response.body.data?.organization.id).toBe(own.tenant.id);
      expect(response.body.data?.auditEvents.edges.length).toBeGreaterThan(0);
      expect(response.text).not.toContain(foreign);
    });
  });
});
