import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { TestTenant } from '@app/testing';
import { startTestApi, type TestApi } from '../support/test-api.js';

const CREATE = 'mutation($i: VendorInput!) { createVendor(input: $i) { id tier version } }';
const UPDATE =
  'mutation($v: ID!, $n: Int!, $i: VendorInput!) { updateVendor(id: $v, version: $n, input: $i) { version name } }';

const input = (name: string) => ({
  name,
  domains: ['contoso-msp.example'],
  services: [{ name: 'Managed endpoints', inScope: true }],
  access: {
    remoteAccessTools: ['RMM agent'],
    privilegedAccounts: ['Domain Admins'],
    systems: ['AD'],
  },
  contacts: [{ name: 'Sam Lee', email: 'sam@contoso-msp.example', title: 'Account manager' }],
  tags: ['msp'],
  intake: {
    dataAccess: 'CONFIDENTIAL',
    privilegedAccess: 'DOMAIN_WIDE',
    businessImpact: 'HIGH',
    substitutability: 'HARD',
  },
});

describe('vendor inventory over GraphQL', () => {
  let api: TestApi;
  let customer: TestTenant;

  beforeAll(async () => {
    api = await startTestApi();
    customer = await api.tenant('Inventory Customer');
  });

  afterAll(() => api.close());

  it('adds a vendor with its tier, and refuses a stale update with the current version', async () => {
    const created = await api.gql<{ createVendor: { id: string; tier: number; version: number } }>(
      CREATE,
      {
        token: customer.token,
        variables: { i: input('Contoso MSP') },
      },
    );
    expect(created.body.data?.createVendor).toMatchObject({ tier: 1, version: 1 });
    const id = created.body.data!.createVendor.id;
    const first = await api.gql(UPDATE, {
      token: customer.token,
      variables: { v: id, n: 1, i: input('Contoso Managed') },
    });
    expect(first.body.data).toEqual({ updateVendor: { version: 2, name: 'Contoso Managed' } });
    const stale = await api.gql(UPDATE, {
      token: customer.token,
      variables: { v: id, n: 1, i: input('Lost edit') },
    });
    expect(stale.body.errors?.[0]?.extensions).toMatchObject({
      code: 'CONFLICT',
      reason: 'VENDOR_CHANGED',
      currentVersion: 2,
    });
  });

  it('keeps each organization’s inventory to itself', async () => {
    const mine = await api.gql<{ createVendor: { id: string } }>(CREATE, {
      token: customer.token,
      variables: { i: input('Private MSP') },
    });
    const stranger = await api.tenant('Other Customer');
    const read = await api.gql('query($v: ID!) { vendor(id: $v) { name } }', {
      token: stranger.token,
      variables: { v: mine.body.data!.createVendor.id },
    });
    expect(read.body.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    const list = await api.gql('{ vendorInventory { nodes { name } } }', { token: stranger.token });
    expect(list.body.data).toEqual({ vendorInventory: { nodes: [] } });
    // The same name is free for the other organization: nothing leaks through uniqueness.
    const same = await api.gql(CREATE, {
      token: stranger.token,
      variables: { i: input('Private MSP') },
    });
    expect(same.body.errors).toBeUndefined();
  });
});

describe('vendor contracts over GraphQL', () => {
  let api: TestApi;
  let customer: TestTenant;
  let vendorId: string;

  const CONTRACT = `mutation($v: ID!, $i: ContractInput!) {
    createContract(vendorId: $v, input: $i) { id version gaps { clause kind message } }
  }`;

  beforeAll(async () => {
    api = await startTestApi();
    customer = await api.tenant('Contracting Customer');
    const created = await api.gql<{ createVendor: { id: string } }>(CREATE, {
      token: customer.token,
      variables: { i: input('Contoso MSP') },
    });
    vendorId = created.body.data!.createVendor.id;
  });

  afterAll(() => api.close());

  it('lists missing and weak clauses against the advisory', async () => {
    const response = await api.gql<{
      createContract: { gaps: { clause: string; kind: string }[] };
    }>(CONTRACT, {
      token: customer.token,
      variables: {
        v: vendorId,
        i: {
          title: 'Managed services agreement 2026',
          startsOn: '2026-01-01',
          renewsOn: '2027-01-01',
          clauses: {
            incidentNotification: { withinHours: 96, channels: ['email'] },
            logRetentionMonths: 12,
            mfaRequired: true,
            backup: { isolatedCopy: true },
            auditRights: true,
            subcontractorDisclosure: true,
            accessRemovalWithinDays: 1,
            servicesBought: ['Managed endpoints'],
          },
        },
      },
    });
    expect(response.body.data?.createContract.gaps.map((g) => [g.clause, g.kind])).toEqual([
      ['incidentNotification', 'weak'],
      ['servicesNotBought', 'missing'],
    ]);
  });

  it('refuses impossible dates and unknown notification channels', async () => {
    const backwards = await api.gql(CONTRACT, {
      token: customer.token,
      variables: {
        v: vendorId,
        i: { title: 'Backwards', startsOn: '2026-06-01', endsOn: '2026-01-01', clauses: {} },
      },
    });
    expect(backwards.body.errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      reason: 'CONTRACT_DATES_INVALID',
    });
    const channel = await api.gql(CONTRACT, {
      token: customer.token,
      variables: {
        v: vendorId,
        i: {
          title: 'Pigeons',
          startsOn: '2026-01-01',
          clauses: { incidentNotification: { withinHours: 24, channels: ['pigeon'] } },
        },
      },
    });
    expect(channel.body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('keeps contracts to their organization', async () => {
    const stranger = await api.tenant('Contract Stranger');
    const read = await api.gql('query($v: ID!) { vendorContracts(vendorId: $v) { id } }', {
      token: stranger.token,
      variables: { v: vendorId },
    });
    expect(read.body.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
  });

  it('requires a reason to override a tier or to clear the override, as the schema says', async () => {
    const created = await api.gql<{ createVendor: { id: string } }>(CREATE, {
      token: customer.token,
      variables: { i: input('Tiered MSP') },
    });
    const id = created.body.data!.createVendor.id;
    const override = (args: string) =>
      api.gql(`mutation($v: ID!) { overrideVendorTier(vendorId: $v, ${args}) { tier version } }`, {
        token: customer.token,
        variables: { v: id },
      });

    const withoutReason = await override('version: 1, tier: 3');
    expect(withoutReason.status).toBe(400);
    expect(withoutReason.body.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(withoutReason.body.errors?.[0]?.message).toContain('"reason" of type "String!"');
    const tooShort = await override('version: 1, tier: null, reason: "no"');
    expect(tooShort.body.errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      reason: 'TIER_REASON_REQUIRED',
    });

    const set = await override(
      'version: 1, tier: 3, reason: "Access is via a monitored jump host."',
    );
    expect(set.body.data).toEqual({ overrideVendorTier: { tier: 3, version: 2 } });
    const cleared = await override('version: 2, tier: null, reason: "The jump host was retired."');
    // Back to the intake's tier (domain-wide access, confidential data: tier 1).
    expect(cleared.body.data).toEqual({ overrideVendorTier: { tier: 1, version: 3 } });
  });
});
