import { RequirePermission, type Role } from '@app/access';
import { RoleEnum } from '@app/identity';
import { ParseUUIDPipe } from '@nestjs/common';
import { Args, Field, ID, Mutation, ObjectType, Query, Resolver } from '@nestjs/graphql';
import { ApiKeysService } from '../api-keys/api-keys.service.js';

@ObjectType('ApiKey', { description: 'An active API key; its secret is never shown again.' })
export class ApiKeyObject {
  @Field(() => ID)
  id!: string;

  @Field()
  name!: string;

  @Field(() => RoleEnum, { description: 'What the key may do, as a member with this role could.' })
  role!: Role;

  @Field({ description: 'The first characters of the key, to recognise it.' })
  prefix!: string;

  @Field()
  createdAt!: Date;

  @Field(() => Date, { nullable: true })
  lastUsedAt!: Date | null;
}

@ObjectType('CreatedApiKey')
export class CreatedApiKeyObject {
  @Field(() => ApiKeyObject)
  apiKey!: ApiKeyObject;

  @Field({ description: 'Send as `Authorization: Bearer <secret>`. Shown this once only.' })
  secret!: string;
}

@Resolver(() => ApiKeyObject)
export class ApiKeysResolver {
  constructor(private readonly apiKeysService: ApiKeysService) {}

  @Query(() => [ApiKeyObject], { description: 'The organization’s active API keys.' })
  @RequirePermission('api_keys:manage')
  apiKeys(): Promise<ApiKeyObject[]> {
    return this.apiKeysService.list();
  }

  @Mutation(() => CreatedApiKeyObject, { description: 'Creates an API key acting with a role.' })
  @RequirePermission('api_keys:manage')
  createApiKey(
    @Args('name') name: string,
    @Args('role', { type: () => RoleEnum }) role: Role,
  ): Promise<CreatedApiKeyObject> {
    return this.apiKeysService.create(name, role);
  }

  @Mutation(() => Boolean, { description: 'Revokes an API key; it stops working at once.' })
  @RequirePermission('api_keys:manage')
  async revokeApiKey(
    @Args('apiKeyId', { type: () => ID }, ParseUUIDPipe) apiKeyId: string,
  ): Promise<boolean> {
    await this.apiKeysService.revoke(apiKeyId);
    return true;
  }
}
