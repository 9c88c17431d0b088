import { RequirePermission } from '@app/access';
import { Field, Float, Int, ObjectType, Query, Resolver } from '@nestjs/graphql';
import { StorageUsageService } from '../storage/storage-usage.service.js';

@ObjectType('StorageUsage', {
  description: 'Evidence storage the organization uses: each distinct file it uploaded, once.',
})
export class StorageUsageObject {
  @Field(() => Float, { description: 'Bytes of the distinct files the organization uploaded.' })
  usedBytes!: number;

  @Field(() => Float, { description: 'Bytes it may store; uploads past this are refused.' })
  quotaBytes!: number;

  @Field(() => Int, { description: 'Distinct files it uploaded.' })
  files!: number;
}

/** The organization's own storage use, for its owners and admins. */
@Resolver()
export class StorageResolver {
  constructor(private readonly usage: StorageUsageService) {}

  @Query(() => StorageUsageObject, {
    description: 'The organization’s evidence storage against its quota (owners and admins).',
  })
  @RequirePermission('storage:read')
  storageUsage(): Promise<StorageUsageObject> {
    return this.usage.usage();
  }
}
