import { Module } from '@nestjs/common';
import { CatalogModule } from './catalog.module.js';
import { CatalogResolver } from './graphql/catalog.resolver.js';

@Module({ imports: [CatalogModule], providers: [CatalogResolver] })
export class CatalogGraphqlModule {}
