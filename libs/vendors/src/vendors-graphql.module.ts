import { Module } from '@nestjs/common';
import { ContractsResolver } from './graphql/contracts.resolver.js';
import { VendorsResolver } from './graphql/vendors.resolver.js';
import { VendorsModule } from './vendors.module.js';

@Module({ imports: [VendorsModule], providers: [VendorsResolver, ContractsResolver] })
export class VendorsGraphqlModule {}
