import { Module } from '@nestjs/common';
import { VendorsResolver } from './graphql/vendors.resolver.js';
import { VendorsModule } from './vendors.module.js';

@Module({ imports: [VendorsModule], providers: [VendorsResolver] })
export class VendorsGraphqlModule {}
