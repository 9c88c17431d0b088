import { randomUUID } from 'node:crypto';
import { AuditTrailService } from '@app/audit';
import { isPlainName, PLAIN_NAME_RULE, RequestContext } from '@app/common';
import { TenantDatabase } from '@app/database';
import { MembershipEntity } from '@app/identity';
import { Injectable } from '@nestjs/common';
import { type EntityManager, QueryFailedError } from 'typeorm';
import { criticalityTier, type Intake, type Tier } from './criticality.js';
import {
  type VendorAccess,
  type VendorContact,
  VendorEntity,
  type VendorService,
} from './entities/vendor.entity.js';
import {
  InvalidVendorError,
  VendorNameTakenError,
  VendorNotFoundError,
  VendorVersionConflictError,
} from './vendors.errors.js';

export interface VendorDetails {
  readonly name: string;
  readonly domains: readonly string[];
  readonly services: readonly VendorService[];
  readonly access: VendorAccess;
  readonly ownerUserId: string | null;
  readonly contacts: readonly VendorContact[];
  readonly tags: readonly string[];
  readonly intake: Intake;
}

export interface VendorFilter {
  readonly tier?: Tier;
  readonly tag?: string;
}

export interface VendorPage {
  readonly vendors: VendorEntity[];
  readonly hasNextPage: boolean;
}

const DOMAIN = /^(?=.{1,253}$)([a-z0-9-]{1,63}\.)+[a-z]{2,63}$/;

type CleanDetails = Pick<
  VendorEntity,
  | 'name'
  | 'nameKey'
  | 'domains'
  | 'services'
  | 'access'
  | 'ownerUserId'
  | 'contacts'
  | 'tags'
  | 'intake'
>;

function normalise(details: VendorDetails): CleanDetails {
  const name = details.name.normalize('NFC').trim();
  if (!name || [...name].length > 200 || !isPlainName(name))
    throw new InvalidVendorError(
      'VENDOR_NAME_INVALID',
      `Name the vendor in 1 to 200 characters: ${PLAIN_NAME_RULE}.`,
    );
  const domains = [...new Set(details.domains.map((d) => d.trim().toLowerCase()))];
  const badDomain = domains.find((d) => !DOMAIN.test(d));
  if (badDomain)
    throw new InvalidVendorError('VENDOR_DOMAIN_INVALID', `"${badDomain}" is not a domain name.`);
  const tags = [
    ...new Set(details.tags.map((t) => t.normalize('NFC').trim().toLowerCase()).filter(Boolean)),
  ];
  return {
    name,
    nameKey: name.toLowerCase(),
    domains,
    tags,
    services: [...details.services],
    contacts: [...details.contacts],
    access: details.access,
    ownerUserId: details.ownerUserId,
    intake: details.intake,
  };
}

/**
 * The customer's inventory of MSP vendors. The intake sets the criticality tier; a risk manager
 * may override it, with a reason. Updates name the version they read: a stale one is refused
 * with the current version instead of overwriting someone else's change.
 */
@Injectable()
export class VendorsService {
  constructor(
    private readonly db: TenantDatabase,
    private readonly context: RequestContext,
    private readonly audit: AuditTrailService,
  ) {}

  list(first: number, after: string | undefined, filter: VendorFilter): Promise<VendorPage> {
    return this.db.transaction(async (manager) => {
      const query = manager
        .createQueryBuilder(VendorEntity, 'v')
        .where('v.tenantId = :tenantId', { tenantId: this.context.tenantId })
        .orderBy('v.nameKey', 'ASC')
        .addOrderBy('v.id', 'ASC')
        .take(first + 1);
      if (filter.tier) query.andWhere('v.tier = :tier', { tier: filter.tier });
      if (filter.tag) query.andWhere(':tag = ANY(v.tags)', { tag: filter.tag.toLowerCase() });
      if (after) {
        const cursor = await manager.findOneBy(VendorEntity, {
          tenantId: this.context.tenantId,
          id: after,
        });
        if (!cursor) throw new VendorNotFoundError();
        query.andWhere('(v.nameKey, v.id) > (:nameKey, :id)', {
          nameKey: cursor.nameKey,
          id: cursor.id,
        });
      }
      const rows = await query.getMany();
      return { vendors: rows.slice(0, first), hasNextPage: rows.length > first };
    });
  }

  get(id: string): Promise<VendorEntity> {
    return this.db.transaction((manager) => this.find(manager, id));
  }

  async create(details: VendorDetails): Promise<VendorEntity> {
    const clean = normalise(details);
    const tier = criticalityTier(clean.intake);
    return this.db.transaction(async (manager) => {
      const now = new Date();
      const vendor = manager.create(VendorEntity, {
        ...clean,
        tenantId: this.context.tenantId,
        id: randomUUID(),
        tier,
        tierOverride: null,
        tierOverrideReason: null,
        linkedTenantId: null,
        linkedAt: null,
        version: 1,
        createdAt: now,
        updatedAt: now,
      });
      await this.assertOwnerIsMember(manager, clean.ownerUserId);
      await this.insertUnique(manager, vendor);
      await this.audit.record({
        action: 'vendor.created',
        objectType: 'vendor',
        objectId: vendor.id,
        summary: { name: vendor.name, tier },
      });
      return vendor;
    });
  }

  async update(id: string, expectedVersion: number, details: VendorDetails): Promise<VendorEntity> {
    const clean = normalise(details);
    return this.db.transaction(async (manager) => {
      const current = await this.find(manager, id);
      await this.assertOwnerIsMember(manager, clean.ownerUserId);
      const tier = current.tierOverride ?? criticalityTier(clean.intake);
      await this.conditionalUpdate(manager, current, expectedVersion, { ...clean, tier });
      await this.audit.record({
        action: 'vendor.updated',
        objectType: 'vendor',
        objectId: id,
        summary: { tier },
      });
      return this.find(manager, id);
    });
  }

  /**
   * A risk manager's tier; `null` returns to the intake's tier. Either way with a reason, which
   * the audit trail keeps (the vendor keeps it only while the override stands).
   */
  async overrideTier(
    id: string,
    expectedVersion: number,
    tier: Tier | null,
    reason: string,
  ): Promise<VendorEntity> {
    const why = reason.normalize('NFC').trim();
    if (why.length < 10 || why.length > 1000) {
      throw new InvalidVendorError(
        'TIER_REASON_REQUIRED',
        tier === null
          ? 'Say why the tier returns to the intake’s (10 to 1,000 characters).'
          : 'Say why the tier differs from the intake (10 to 1,000 characters).',
      );
    }
    return this.db.transaction(async (manager) => {
      const current = await this.find(manager, id);
      const effective = tier ?? criticalityTier(current.intake);
      await this.conditionalUpdate(manager, current, expectedVersion, {
        tier: effective,
        tierOverride: tier,
        tierOverrideReason: tier === null ? null : why,
      });
      await this.audit.record({
        action: 'vendor.tier_overridden',
        objectType: 'vendor',
        objectId: id,
        summary: {
          from: current.tier,
          to: effective,
          override: tier,
          reason: why,
        },
      });
      return this.find(manager, id);
    });
  }

  private async assertOwnerIsMember(manager: EntityManager, userId: string | null): Promise<void> {
    if (!userId) return;
    const member = await manager.existsBy(MembershipEntity, {
      tenantId: this.context.tenantId,
      userId,
    });
    if (!member) {
      throw new InvalidVendorError(
        'VENDOR_OWNER_NOT_MEMBER',
        'The vendor owner must be a member of your organization.',
      );
    }
  }

  private async find(manager: EntityManager, id: string): Promise<VendorEntity> {
    const vendor = await manager.findOneBy(VendorEntity, { tenantId: this.context.tenantId, id });
    if (!vendor) throw new VendorNotFoundError();
    return vendor;
  }

  /** `UPDATE ... WHERE version = expected`: 0 rows means someone else got there first. */
  private async conditionalUpdate(
    manager: EntityManager,
    current: VendorEntity,
    expectedVersion: number,
    changes: Partial<VendorEntity>,
  ): Promise<void> {
    try {
      const result = await manager
        .createQueryBuilder()
        .update(VendorEntity)
        .set({ ...(changes as object), version: () => 'version + 1', updatedAt: new Date() })
        .where('tenant_id = :tenantId AND id = :id AND version = :expectedVersion', {
          tenantId: current.tenantId,
          id: current.id,
          expectedVersion,
        })
        .execute();
      if (result.affected !== 1) throw new VendorVersionConflictError(current.version);
    } catch (error) {
      throw this.nameTaken(error, changes.name) ?? error;
    }
  }

  private async insertUnique(manager: EntityManager, vendor: VendorEntity): Promise<void> {
    try {
      await manager.insert(VendorEntity, vendor);
    } catch (error) {
      throw this.nameTaken(error, vendor.name) ?? error;
    }
  }

  /** Unique per tenant (tenant_id, name_key): a clash can only be with the caller's own vendor. */
  private nameTaken(error: unknown, name: string | undefined): Error | undefined {
    const code =
      error instanceof QueryFailedError ? (error.driverError as { code?: string }).code : undefined;
    return code === '23505' && name ? new VendorNameTakenError(name) : undefined;
  }
}
