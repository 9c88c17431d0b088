import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import {
  createIntegrationContext,
  createTestTenant,
  type IntegrationContext,
  type TestTenant,
} from '@app/testing';
import { VendorsModule } from './vendors.module.js';
import { type VendorDetails, VendorsService } from './vendors.service.js';

const details = (name: string, overrides: Partial<VendorDetails> = {}): VendorDetails => ({
  name,
  domains: ['Contoso-MSP.example'],
  services: [
    { name: 'Managed endpoints', inScope: true },
    { name: 'Backup', inScope: false },
  ],
  access: {
    remoteAccessTools: ['RMM agent'],
    privilegedAccounts: ['domain admin'],
    systems: ['AD', 'M365'],
  },
  ownerUserId: null,
  contacts: [{ name: 'Sam Lee', email: 'sam@contoso-msp.example', title: 'account manager' }],
  tags: ['Critical-Path', 'msp'],
  intake: {
    dataAccess: 'confidential',
    privilegedAccess: 'domain_wide',
    businessImpact: 'high',
    substitutability: 'hard',
  },
  ...overrides,
});

describe('vendor inventory', () => {
  let ctx: IntegrationContext;
  let vendors: VendorsService;
  let customer: TestTenant;
  let other: TestTenant;

  beforeAll(async () => {
    ctx = await createIntegrationContext([VendorsModule]);
    vendors = ctx.get(VendorsService);
    customer = await createTestTenant(ctx.app);
    other = await createTestTenant(ctx.app);
  });

  afterAll(() => ctx.close());

  it('records a vendor with its tier from the intake, normalised', async () => {
    const vendor = await customer.as(() =>
      vendors.create(details('Contoso MSP', { ownerUserId: customer.userId })),
    );
    expect(vendor).toMatchObject({
      name: 'Contoso MSP',
      domains: ['contoso-msp.example'],
      tags: ['critical-path', 'msp'],
      tier: 1,
      tierOverride: null,
      version: 1,
    });
  });

  it('keeps names unique per organization only', async () => {
    await customer.as(() => vendors.create(details('Fabrikam IT')));
    await expect(customer.as(() => vendors.create(details('fabrikam it')))).rejects.toMatchObject({
      code: 'VENDOR_NAME_TAKEN',
    });
    await expect(other.as(() => vendors.create(details('Fabrikam IT')))).resolves.toMatchObject({
      name: 'Fabrikam IT',
    });
  });

  it('refuses a stale update with the current version, and applies a fresh one', async () => {
    const vendor = await customer.as(() => vendors.create(details('Northwind Support')));
    const updated = await customer.as(() =>
      vendors.update(
        vendor.id,
        1,
        details('Northwind Support', {
          intake: {
            ...vendor.intake,
            privilegedAccess: 'none',
            dataAccess: 'none',
            businessImpact: 'low',
            substitutability: 'easy',
          },
        }),
      ),
    );
    expect(updated).toMatchObject({ version: 2, tier: 4 });
    await expect(
      customer.as(() => vendors.update(vendor.id, 1, details('Northwind Support'))),
    ).rejects.toMatchObject({
      code: 'VENDOR_CHANGED',
      details: { currentVersion: 2 },
    });
  });

  it('lets a tier be overridden, and returned to the intake’s, only with a reason', async () => {
    const vendor = await customer.as(() => vendors.create(details('Adatum Services')));
    await expect(
      customer.as(() => vendors.overrideTier(vendor.id, 1, 3, 'short')),
    ).rejects.toMatchObject({
      code: 'TIER_REASON_REQUIRED',
    });
    const overridden = await customer.as(() =>
      vendors.overrideTier(vendor.id, 1, 3, 'Access limited to a monitored jump host since June.'),
    );
    expect(overridden).toMatchObject({ tier: 3, tierOverride: 3, version: 2 });
    await expect(
      customer.as(() => vendors.overrideTier(vendor.id, 2, null, '  ')),
    ).rejects.toMatchObject({ code: 'TIER_REASON_REQUIRED' });
    const back = await customer.as(() =>
      vendors.overrideTier(vendor.id, 2, null, 'The jump host was retired in November.'),
    );
    expect(back).toMatchObject({ tier: 1, tierOverride: null, tierOverrideReason: null });
  });

  it('requires the owner to be a member', async () => {
    await expect(
      customer.as(() => vendors.create(details('Owner Check', { ownerUserId: other.userId }))),
    ).rejects.toMatchObject({
      code: 'VENDOR_OWNER_NOT_MEMBER',
    });
  });

  it('lists with filters and pages, and shows another organization nothing', async () => {
    const page = await customer.as(() => vendors.list(2, undefined, { tag: 'msp' }));
    expect(page.vendors).toHaveLength(2);
    expect(page.hasNextPage).toBe(true);
    const next = await customer.as(() => vendors.list(100, page.vendors[1].id, { tag: 'msp' }));
    const names = [...page.vendors, ...next.vendors].map((v) => v.name);
    expect(new Set(names).size).toBe(names.length);
    expect(names).toEqual(
      [...names].sort((a, b) => a.toLowerCase().localeCompare(b.toLowerCase())),
    );
    const tierOne = await customer.as(() => vendors.list(100, undefined, { tier: 1 }));
    expect(tierOne.vendors.every((v) => v.tier === 1)).toBe(true);

    const theirs = await other.as(() => vendors.list(100, undefined, {}));
    expect(theirs.vendors.map((v) => v.name)).toEqual(['Fabrikam IT']);
    await expect(other.as(() => vendors.get(page.vendors[0].id))).rejects.toMatchObject({
      code: 'VENDOR_NOT_FOUND',
    });
    await expect(
      other.as(() => vendors.update(page.vendors[0].id, 1, details('Hijack'))),
    ).rejects.toMatchObject({
      code: 'VENDOR_NOT_FOUND',
    });
    await expect(other.as(() => vendors.get(randomUUID()))).rejects.toMatchObject({
      code: 'VENDOR_NOT_FOUND',
    });
  });
});
