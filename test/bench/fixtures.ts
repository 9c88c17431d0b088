import { randomUUID } from 'node:crypto';
import { SessionService } from '@app/auth';
import { RequestContext } from '@app/common';
import { TenantDatabase } from '@app/database';
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

/** Organizations signed up by their owners (user, membership, audit rows), each with a token. */
export async function provisionTenants(
  app: INestApplicationContext,
  count: number,
): Promise<BenchTenant[]> {
  const sessions = app.get(SessionService);
  const created: BenchTenant[] = [];
  for (let i = 1; i <= count; i++) {
    const session = await sessions.signUp({
      email: `bench-${i}-${randomUUID().slice(0, 8)}@example.test`,
      password: 'bench password that is long enough',
      displayName: `Bench Owner ${i}`,
      organizationName: `Bench Org ${i}`,
    });
    created.push({
      tenantId: session.tenantId,
      userId: session.userId,
      token: session.accessToken,
    });
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
