import { randomUUID } from 'node:crypto';
import { AccessTokenService, SessionService } from '@app/auth';
import { RequestContext } from '@app/common';
import { TenantDatabase } from '@app/database';
import { type Role } from '@app/access';
import { hashPassword, MembersService, UserEntity } from '@app/identity';
import { type Tenant, type TenantCapabilities, TenantsService } from '@app/tenancy';
import type { INestApplicationContext } from '@nestjs/common';

/** Every test user's password: long, not on any breach list. */
export const TEST_PASSWORD = 'correct horse battery staple 42';

export interface TestMember {
  readonly userId: string;
  readonly email: string;
  readonly role: Role;
  /** A valid access token for this member in this tenant. */
  readonly token: string;
}

export interface TestTenant extends TestMember {
  readonly tenant: Tenant;
  readonly refreshToken: string;
  /** Runs `fn` in this tenant's context, as its owner. */
  as<T>(fn: () => Promise<T>): Promise<T>;
  /** Adds another member with `role` (as an invitation will). */
  addMember(role: Role): Promise<TestMember>;
}

let counter = 0;

const uniqueEmail = (label: string) => `${label}-${randomUUID().slice(0, 8)}@example.test`;

/** A fresh organization signed up by its owner, so tests never share state and run in parallel. */
export async function createTestTenant(
  app: INestApplicationContext,
  name = `Test Org ${++counter} ${randomUUID().slice(0, 8)}`,
  capabilities?: TenantCapabilities,
): Promise<TestTenant> {
  const email = uniqueEmail('owner');
  const session = await app.get(SessionService).signUp({
    email,
    password: TEST_PASSWORD,
    displayName: `Owner of ${name}`,
    organizationName: name,
    capabilities,
  });
  const context = app.get(RequestContext);
  const tenantId = session.tenantId;
  const as = <T>(fn: () => Promise<T>) =>
    context.run({ tenantId, actor: { type: 'user', id: session.userId } }, fn);
  const tenant = await as(() => app.get(TenantsService).current());
  return {
    tenant,
    userId: session.userId,
    email,
    role: 'owner',
    token: session.accessToken,
    refreshToken: session.refreshToken,
    as,
    addMember: (role) => addTestMember(app, tenantId, role),
  };
}

async function addTestMember(
  app: INestApplicationContext,
  tenantId: string,
  role: Role,
): Promise<TestMember> {
  const userId = randomUUID();
  const email = uniqueEmail(role);
  const passwordHash = await hashPassword(TEST_PASSWORD);
  await app.get(RequestContext).run({ tenantId, actor: { type: 'user', id: userId } }, () =>
    app.get(TenantDatabase).transaction(async (manager) => {
      await manager.insert(UserEntity, {
        id: userId,
        email,
        emailKey: email,
        displayName: `${role} member`,
        passwordHash,
      });
      await app.get(MembersService).add(userId, role);
    }),
  );
  const token = await app.get(AccessTokenService).issue(userId, tenantId, 1);
  return { userId, email, role, token };
}
