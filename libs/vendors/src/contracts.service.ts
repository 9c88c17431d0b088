import { randomUUID } from 'node:crypto';
import { AuditTrailService } from '@app/audit';
import { NotFoundError, RequestContext } from '@app/common';
import { TenantDatabase } from '@app/database';
import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { ContractClauses } from './contract-clauses.js';
import { VendorContractEntity } from './entities/vendor-contract.entity.js';
import { VendorEntity } from './entities/vendor.entity.js';
import {
  InvalidVendorError,
  VendorNotFoundError,
  VendorVersionConflictError,
} from './vendors.errors.js';

export interface ContractDetails {
  readonly title: string;
  readonly startsOn: string;
  readonly endsOn: string | null;
  readonly renewsOn: string | null;
  readonly clauses: ContractClauses;
}

export class ContractNotFoundError extends NotFoundError {
  constructor() {
    super('CONTRACT_NOT_FOUND', 'No such contract in this organization.');
  }
}

function checkDates(details: ContractDetails): void {
  if (details.endsOn && details.endsOn < details.startsOn) {
    throw new InvalidVendorError(
      'CONTRACT_DATES_INVALID',
      'The contract cannot end before it starts.',
    );
  }
  if (!details.title.trim())
    throw new InvalidVendorError('CONTRACT_TITLE_INVALID', 'Give the contract a title.');
}

/** Contracts with a vendor; their gaps against the advisory come from `clauseGaps`. */
@Injectable()
export class ContractsService {
  constructor(
    private readonly db: TenantDatabase,
    private readonly context: RequestContext,
    private readonly audit: AuditTrailService,
  ) {}

  listForVendor(vendorId: string): Promise<VendorContractEntity[]> {
    return this.db.transaction(async (manager) => {
      await this.vendorExists(manager, vendorId);
      return manager.find(VendorContractEntity, {
        where: { tenantId: this.context.tenantId, vendorId },
        order: { startsOn: 'DESC' },
      });
    });
  }

  async create(vendorId: string, details: ContractDetails): Promise<VendorContractEntity> {
    checkDates(details);
    return this.db.transaction(async (manager) => {
      await this.vendorExists(manager, vendorId);
      const now = new Date();
      const contract = manager.create(VendorContractEntity, {
        ...details,
        title: details.title.trim(),
        tenantId: this.context.tenantId,
        id: randomUUID(),
        vendorId,
        version: 1,
        createdAt: now,
        updatedAt: now,
      });
      await manager.insert(VendorContractEntity, contract);
      await this.audit.record({
        action: 'contract.created',
        objectType: 'contract',
        objectId: contract.id,
        summary: { vendorId, title: contract.title },
      });
      return this.find(manager, contract.id);
    });
  }

  async update(
    id: string,
    expectedVersion: number,
    details: ContractDetails,
  ): Promise<VendorContractEntity> {
    checkDates(details);
    return this.db.transaction(async (manager) => {
      const current = await this.find(manager, id);
      const result = await manager
        .createQueryBuilder()
        .update(VendorContractEntity)
        .set({
          title: details.title.trim(),
          startsOn: details.startsOn,
          endsOn: details.endsOn,
          renewsOn: details.renewsOn,
          clauses: details.clauses,
          version: () => 'version + 1',
          updatedAt: new Date(),
        })
        .where('tenant_id = :tenantId AND id = :id AND version = :expectedVersion', {
          tenantId: this.context.tenantId,
          id,
          expectedVersion,
        })
        .execute();
      if (result.affected !== 1) throw new VendorVersionConflictError(current.version);
      await this.audit.record({ action: 'contract.updated', objectType: 'contract', objectId: id });
      return this.find(manager, id);
    });
  }

  private async vendorExists(manager: EntityManager, vendorId: string): Promise<void> {
    if (
      !(await manager.existsBy(VendorEntity, { tenantId: this.context.tenantId, id: vendorId }))
    ) {
      throw new VendorNotFoundError();
    }
  }

  private async find(manager: EntityManager, id: string): Promise<VendorContractEntity> {
    const contract = await manager.findOneBy(VendorContractEntity, {
      tenantId: this.context.tenantId,
      id,
    });
    if (!contract) throw new ContractNotFoundError();
    return contract;
  }
}
