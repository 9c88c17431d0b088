import { RequirePermission } from '@app/access';
import { ParseUUIDPipe } from '@nestjs/common';
import { Args, Field, ID, ObjectType, Query, Resolver } from '@nestjs/graphql';
import { ContractCheckService } from '../contracts/contract-check.service.js';

@ObjectType('ContractContradiction', {
  description: 'A contract clause that the vendor’s own answer falls short of.',
})
class ContractContradictionObject {
  @Field(() => ID)
  contractId!: string;

  @Field()
  contractTitle!: string;

  @Field()
  clause!: string;

  @Field()
  questionId!: string;

  @Field()
  contractSays!: string;

  @Field()
  answerSays!: string;
}

@ObjectType('ContractCheck')
class ContractCheckObject {
  @Field(() => ID, { nullable: true, description: 'The assessment whose answers were compared.' })
  assessmentId!: string | null;

  @Field(() => [ContractContradictionObject])
  contradictions!: ContractContradictionObject[];
}

@Resolver()
export class ContractCheckResolver {
  constructor(private readonly checks: ContractCheckService) {}

  @Query(() => ContractCheckObject, {
    description: 'The vendor’s contracts against its latest submitted answers.',
  })
  @RequirePermission('assessments:read')
  contractCheck(
    @Args('vendorId', { type: () => ID }, ParseUUIDPipe) vendorId: string,
  ): Promise<ContractCheckObject> {
    return this.checks.forVendor(vendorId);
  }
}
