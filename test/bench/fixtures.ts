import { randomUUID } from 'node:crypto';
import { AccessTokenService } from '@app/auth';
import { RequestContext } from '@app/common';
import { TenantDatabase } from '@app/database';
import { TenantsService } from '@app/tenancy';
import type { INestApplicationContext } from '@nestjs/common';

export const TENANT_SQL = 'SELECT id, name FROM tenants WHERE id = $1';

export interface TenantRow {
  readonly id: string;
  readonly name: string;
}

export interface BenchTenant {
  readonly tenantId: string;
  readonly userId: string;
  readonly token: string;
}

/** Organizations created the way sign-up does (with their audit rows), each with a token. */
export async function provisionTenants(
  app: INestApplicationContext,
  count: number,
): Promise<BenchTenant[]> {
  const tenants = app.get(TenantsService);
  const tokens = app.get(AccessTokenService);
  const created: BenchTenant[] = [];
  for (let i = 1; i <= count; i++) {
    const tenant = await tenants.provision(`Bench Org ${i}`);
    const userId = randomUUID();
    created.push({ tenantId: tenant.id, userId, token: await tokens.issue(userId, tenant.id) });
  }
  return created;
}

/** Reads a tenant row through TenantDatabase as a tenant's user, under row-level security. */
export type TenantReader = (as: BenchTenant, id: string) => Promise<TenantRow[]>;

export function tenantReader(app: INestApplicationContext): TenantReader {
  const context = app.get(RequestContext);
  const db = app.get(TenantDatabase);
  return (as, id) =>
    context.run({ tenantId: as.tenantId, actor: { type: 'user', id: as.userId } }, () =>
      db.transaction((manager) => manager.query<TenantRow[]>(TENANT_SQL, [id])),
    );
}

/** Refuses to measure path 2 unless RLS really filters: a tenant must not see another's row. */
export async function assertRowLevelSecurity(
  app: INestApplicationContext,
  [first, second]: readonly BenchTenant[],
): Promise<void> {
  const read = tenantReader(app);
  const own = await read(first, first.tenantId);
  const other = await read(first, second.tenantId);
  if (own.length !== 1 || other.length !== 0) {
    throw new Error(`RLS check failed: own=${own.length} row(s), other=${other.length} row(s)`);
  }
}
