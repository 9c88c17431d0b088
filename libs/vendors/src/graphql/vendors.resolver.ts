import { RequirePermission } from '@app/access';
import { ParseUUIDPipe } from '@nestjs/common';
import { Args, ArgsType, Field, ID, Int, Mutation, Query, Resolver } from '@nestjs/graphql';
import { IsInt, IsOptional, IsString, IsUUID, Max, MaxLength, Min } from 'class-validator';
import type { Tier } from '../criticality.js';
import { VendorsService } from '../vendors.service.js';
import { VendorConnection, VendorInput, VendorObject } from './vendor.objects.js';

@ArgsType()
class VendorsArgs {
  @Field(() => Int, { defaultValue: 20, description: 'Page size, 1 to 100.' })
  @IsInt()
  @Min(1)
  @Max(100)
  first = 20;

  @Field(() => ID, { nullable: true, description: 'endCursor of the previous page.' })
  @IsOptional()
  @IsUUID()
  after?: string;

  @Field(() => Int, { nullable: true, description: 'Only vendors of this tier.' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(4)
  tier?: Tier;

  @Field({ nullable: true, description: 'Only vendors with this tag.' })
  @IsOptional()
  @IsString()
  @MaxLength(50)
  tag?: string;
}

@ArgsType()
class OverrideTierArgs {
  @Field(() => ID)
  @IsUUID()
  vendorId!: string;

  @Field(() => Int, { description: 'The version you read.' })
  @IsInt()
  version!: number;

  @Field(() => Int, { nullable: true, description: '1 to 4; null returns to the intake’s tier.' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(4)
  tier?: Tier | null;

  @Field(() => String, {
    description:
      'Why (10 to 1,000 characters): why the tier differs from the intake, or why it returns to it.',
  })
  @IsString()
  @MaxLength(1000)
  reason!: string;
}

@Resolver(() => VendorObject)
export class VendorsResolver {
  constructor(private readonly vendors: VendorsService) {}

  @Query(() => VendorConnection, { description: 'Your MSP vendors, by name.' })
  @RequirePermission('vendors:read')
  async vendorInventory(@Args() args: VendorsArgs): Promise<VendorConnection> {
    const page = await this.vendors.list(args.first, args.after, {
      tier: args.tier,
      tag: args.tag,
    });
    return {
      nodes: page.vendors,
      endCursor: page.vendors.at(-1)?.id ?? null,
      hasNextPage: page.hasNextPage,
    };
  }

  @Query(() => VendorObject)
  @RequirePermission('vendors:read')
  vendor(@Args('id', { type: () => ID }, ParseUUIDPipe) id: string): Promise<VendorObject> {
    return this.vendors.get(id);
  }

  @Mutation(() => VendorObject, { description: 'Adds a vendor; the intake sets its tier.' })
  @RequirePermission('vendors:manage')
  createVendor(@Args('input') input: VendorInput): Promise<VendorObject> {
    return this.vendors.create({ ...input, ownerUserId: input.ownerUserId ?? null });
  }

  @Mutation(() => VendorObject, {
    description:
      'Replaces a vendor’s details; refused with CONFLICT if it changed since `version`.',
  })
  @RequirePermission('vendors:manage')
  updateVendor(
    @Args('id', { type: () => ID }, ParseUUIDPipe) id: string,
    @Args('version', { type: () => Int }) version: number,
    @Args('input') input: VendorInput,
  ): Promise<VendorObject> {
    return this.vendors.update(id, version, { ...input, ownerUserId: input.ownerUserId ?? null });
  }

  @Mutation(() => VendorObject, {
    description:
      'Sets or clears a risk manager’s tier; either way with a reason, kept in the audit trail.',
  })
  @RequirePermission('vendors:override_tier')
  overrideVendorTier(@Args() args: OverrideTierArgs): Promise<VendorObject> {
    return this.vendors.overrideTier(args.vendorId, args.version, args.tier ?? null, args.reason);
  }
}
