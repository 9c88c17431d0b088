import { Module } from '@nestjs/common';
import { OrganizationResolver } from './graphql/organization.resolver.js';
import { TenancyModule } from './tenancy.module.js';

@Module({ imports: [TenancyModule], providers: [OrganizationResolver] })
export class TenancyGraphqlModule {}
