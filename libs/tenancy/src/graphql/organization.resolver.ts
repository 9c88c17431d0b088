import { RequirePermission } from '@app/access';
import { Query, Resolver } from '@nestjs/graphql';
import { TenantsService } from '../tenants.service.js';
import { OrganizationObject } from './organization.object.js';

@Resolver(() => OrganizationObject)
export class OrganizationResolver {
  constructor(private readonly tenants: TenantsService) {}

  @Query(() => OrganizationObject, { description: 'The organization the caller acts in.' })
  @RequirePermission('organization:read')
  organization(): Promise<OrganizationObject> {
    return this.tenants.current();
  }
}
