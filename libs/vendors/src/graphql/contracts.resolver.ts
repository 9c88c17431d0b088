import { RequirePermission } from '@app/access';
import { ParseUUIDPipe } from '@nestjs/common';
import { Args, ID, Int, Mutation, Query, Resolver } from '@nestjs/graphql';
import { clauseGaps } from '../contract-clauses.js';
import { ContractsService } from '../contracts.service.js';
import type { VendorContractEntity } from '../entities/vendor-contract.entity.js';
import { ContractInput, ContractObject } from './contract.objects.js';

function toObject(contract: VendorContractEntity): ContractObject {
  return {
    ...contract,
    clauses: contract.clauses as ContractObject['clauses'],
    gaps: clauseGaps(contract.clauses),
  };
}

const details = (input: ContractInput) => ({
  title: input.title,
  startsOn: input.startsOn,
  endsOn: input.endsOn ?? null,
  renewsOn: input.renewsOn ?? null,
  clauses: input.clauses,
});

@Resolver(() => ContractObject)
export class ContractsResolver {
  constructor(private readonly contracts: ContractsService) {}

  @Query(() => [ContractObject], {
    description: 'A vendor’s contracts, newest first, with their gaps.',
  })
  @RequirePermission('vendors:read')
  async vendorContracts(
    @Args('vendorId', { type: () => ID }, ParseUUIDPipe) vendorId: string,
  ): Promise<ContractObject[]> {
    return (await this.contracts.listForVendor(vendorId)).map(toObject);
  }

  @Mutation(() => ContractObject)
  @RequirePermission('vendors:manage')
  async createContract(
    @Args('vendorId', { type: () => ID }, ParseUUIDPipe) vendorId: string,
    @Args('input') input: ContractInput,
  ): Promise<ContractObject> {
    return toObject(await this.contracts.create(vendorId, details(input)));
  }

  @Mutation(() => ContractObject, {
    description: 'Refused with CONFLICT if it changed since `version`.',
  })
  @RequirePermission('vendors:manage')
  async updateContract(
    @Args('id', { type: () => ID }, ParseUUIDPipe) id: string,
    @Args('version', { type: () => Int }) version: number,
    @Args('input') input: ContractInput,
  ): Promise<ContractObject> {
    return toObject(await this.contracts.update(id, version, details(input)));
  }
}
