import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { DEMO_PASSWORD, DemoSeeder } from '../../apps/api/src/demo/demo-seeder.js';
import { startTestApi, type TestApi } from '../support/test-api.js';

describe('the demo seed', () => {
  let api: TestApi;

  beforeAll(async () => {
    api = await startTestApi();
  });

  afterAll(() => api.close());

  it('creates a customer and an MSP with people of every role, each able to sign in, once', async () => {
    const accounts = await api.app.get(DemoSeeder).seedIfEmpty();
    expect(new Set(accounts.map((a) => a.role))).toEqual(
      new Set(['owner', 'admin', 'risk_manager', 'assessor', 'respondent', 'auditor']),
    );
    expect(new Set(accounts.map((a) => a.organization))).toEqual(
      new Set(['Northwind Logistics', 'Contoso Managed Services']),
    );
    for (const account of accounts) {
      const response = await api.gql<{ login: { role: string } }>(
        'mutation($i: LoginInput!) { login(input: $i) { role } }',
        { variables: { i: { email: account.email, password: DEMO_PASSWORD } } },
      );
      expect({ email: account.email, role: response.body.data?.login.role }).toEqual({
        email: account.email,
        role: account.role.toUpperCase(),
      });
    }
    expect(await api.app.get(DemoSeeder).seedIfEmpty()).toEqual([]);
    const riskManager = accounts.find((a) => a.role === 'risk_manager')!;
    const login = await api.gql<{ login: { accessToken: string } }>(
      'mutation($i: LoginInput!) { login(input: $i) { accessToken } }',
      { variables: { i: { email: riskManager.email, password: DEMO_PASSWORD } } },
    );
    const inventory = await api.gql<{
      vendorInventory: { nodes: { name: string; tier: number }[] };
    }>('{ vendorInventory { nodes { name tier } } }', {
      token: login.body.data!.login.accessToken,
    });
    expect(inventory.body.data?.vendorInventory.nodes).toEqual([
      { name: 'Contoso Managed Services', tier: 1 },
      { name: 'Fabrikam Cloud Backup', tier: 2 },
    ]);

    // Contoso's respondent finds Northwind's assessment in its inbox, already started.
    const respondent = accounts.find((a) => a.role === 'respondent')!;
    const mspLogin = await api.gql<{ login: { accessToken: string } }>(
      'mutation($i: LoginInput!) { login(input: $i) { accessToken } }',
      { variables: { i: { email: respondent.email, password: DEMO_PASSWORD } } },
    );
    const inbox = await api.gql<{
      inbox: { nodes: { customerName: string; state: string; progress: { answered: number } }[] };
    }>('{ inbox { nodes { customerName state progress { answered } } } }', {
      token: mspLogin.body.data!.login.accessToken,
    });
    expect(inbox.body.data?.inbox.nodes).toEqual([
      {
        customerName: 'Northwind Logistics',
        state: 'IN_PROGRESS',
        progress: { answered: expect.any(Number) },
      },
    ]);
    expect(inbox.body.data?.inbox.nodes[0].progress.answered).toBeGreaterThan(0);
  });
});
