import { AuditModule } from '@app/audit';
import { SpreadsheetModule } from '@app/common';
import { Module } from '@nestjs/common';
import { BuiltinCatalogSync } from './builtin-catalog-sync.js';
import { CatalogService } from './catalog.service.js';

@Module({
  imports: [AuditModule, SpreadsheetModule],
  providers: [BuiltinCatalogSync, CatalogService],
  exports: [CatalogService],
})
export class CatalogModule {}
