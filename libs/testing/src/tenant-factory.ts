import { randomUUID } from 'node:crypto';
import { AccessTokenService } from '@app/auth';
import { RequestContext } from '@app/common';
import { type Tenant, TenantsService } from '@app/tenancy';
import type { INestApplicationContext } from '@nestjs/common';

export interface TestTenant {
  readonly tenant: Tenant;
  readonly userId: string;
  /** A valid access token for a user of this tenant. */
  readonly token: string;
  /** Runs `fn` in this tenant's context, as its user. */
  as<T>(fn: () => Promise<T>): Promise<T>;
}

let counter = 0;

/** A fresh organization per test, so tests never share state and can run in parallel. */
export async function createTestTenant(
  app: INestApplicationContext,
  name = `Test Org ${++counter} ${randomUUID().slice(0, 8)}`,
): Promise<TestTenant> {
  const tenant = await app.get(TenantsService).provision(name);
  const userId = randomUUID();
  const token = await app.get(AccessTokenService).issue(userId, tenant.id);
  const context = app.get(RequestContext);
  return {
    tenant,
    userId,
    token,
    as: (fn) => context.run({ tenantId: tenant.id, actor: { type: 'user', id: userId } }, fn),
  };
}
