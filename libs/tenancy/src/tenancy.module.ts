import { AuditModule } from '@app/audit';
import { Module } from '@nestjs/common';
import { TenantsService } from './tenants.service.js';

@Module({
  imports: [AuditModule],
  providers: [TenantsService],
  exports: [TenantsService],
})
export class TenancyModule {}
