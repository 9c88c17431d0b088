import { randomUUID } from 'node:crypto';
import { AuditTrailService } from '@app/audit';
import {
  InvalidInputError,
  isPlainName,
  NotFoundError,
  PLAIN_NAME_RULE,
  RequestContext,
} from '@app/common';
import { TenantDatabase } from '@app/database';
import { Injectable } from '@nestjs/common';
import { Tenant } from './entities/tenant.entity.js';

const MAX_NAME_LENGTH = 200;

/** What an organization does in Cascade; an MSP usually does both. */
export interface TenantCapabilities {
  readonly assessesVendors?: boolean;
  readonly answersAssessments?: boolean;
}

/** Normalises and checks an organization name: well-formed, trimmed, NFC, bounded. */
export function normaliseTenantName(name: string): string {
  const trimmed = name.normalize('NFC').trim();
  if (trimmed.length === 0 || !trimmed.isWellFormed() || !isPlainName(trimmed)) {
    throw new InvalidInputError(
      'TENANT_NAME_INVALID',
      `The organization name must be ${PLAIN_NAME_RULE}.`,
    );
  }
  if ([...trimmed].length > MAX_NAME_LENGTH) {
    throw new InvalidInputError(
      'TENANT_NAME_TOO_LONG',
      `The organization name must be at most ${MAX_NAME_LENGTH} characters.`,
    );
  }
  return trimmed;
}

@Injectable()
export class TenantsService {
  constructor(
    private readonly db: TenantDatabase,
    private readonly audit: AuditTrailService,
    private readonly context: RequestContext,
  ) {}

  /**
   * Creates an organization. The new tenant's own id is the context of its first transaction, so
   * row-level security accepts the insert without any privileged path.
   */
  provision(name: string, capabilities: TenantCapabilities = {}): Promise<Tenant> {
    const id = randomUUID();
    return this.db.forTenant(id, () => this.create(id, name, capabilities));
  }

  /** Creates the context's own tenant inside the caller's transaction (sign-up does more in it). */
  create(id: string, name: string, capabilities: TenantCapabilities = {}): Promise<Tenant> {
    const tenant = Object.assign(new Tenant(), {
      id,
      name: normaliseTenantName(name),
      assessesVendors: capabilities.assessesVendors ?? true,
      answersAssessments: capabilities.answersAssessments ?? false,
    });
    return this.db.transaction(async (manager) => {
      if (this.context.tenantId !== id) throw new Error('A tenant is created in its own context.');
      await manager.insert(Tenant, tenant);
      await this.audit.record({
        action: 'tenant.created',
        objectType: 'tenant',
        objectId: id,
        summary: {
          name: tenant.name,
          assessesVendors: tenant.assessesVendors,
          answersAssessments: tenant.answersAssessments,
        },
      });
      return manager.findOneByOrFail(Tenant, { id });
    });
  }

  /** Whether the context's tenant still exists (checked on every authenticated request). */
  exists(): Promise<boolean> {
    return this.db.transaction((manager) =>
      manager.existsBy(Tenant, { id: this.context.tenantId }),
    );
  }

  /** The caller's own organization. */
  current(): Promise<Tenant> {
    return this.db.transaction(async (manager) => {
      const tenant = await manager.findOneBy(Tenant, { id: this.context.tenantId });
      if (!tenant) throw new NotFoundError('TENANT_NOT_FOUND', 'The organization does not exist.');
      return tenant;
    });
  }
}
