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
    const started = inbox.body.data?.inbox.nodes.filter((n) => n.state === 'IN_PROGRESS');
    expect(started).toEqual([
      {
        customerName: 'Northwind Logistics',
        state: 'IN_PROGRESS',
        progress: { answered: expect.any(Number) },
      },
    ]);
    expect(started?.[0]?.progress.answered).toBeGreaterThan(0);
    expect(inbox.body.data?.inbox.nodes.map((n) => n.state).sort()).toEqual([
      'COMPLETED',
      'IN_PROGRESS',
    ]);

    // Last cycle's MFA gap is in Contoso's workspace, covered by a remediation item under way.
    const workspace = await api.gql<{
      vendorFindingGroups: { key: string; customers: number }[];
      remediationItems: { nodes: { title: string; state: string; customers: number }[] };
    }>(
      '{ vendorFindingGroups { key customers } remediationItems { nodes { title state customers } } }',
      { token: mspLogin.body.data!.login.accessToken },
    );
    expect(workspace.body.data?.vendorFindingGroups).toContainEqual({
      key: 'MFA-03',
      customers: 1,
    });
    expect(workspace.body.data?.remediationItems.nodes).toEqual([
      { title: 'MFA on every RMM and PSA console', state: 'IN_PROGRESS', customers: 1 },
    ]);
  });
});
