import { AuditModule } from '@app/audit';
import { Module } from '@nestjs/common';
import { ContractsService } from './contracts.service.js';
import { VendorsService } from './vendors.service.js';

@Module({
  imports: [AuditModule],
  providers: [VendorsService, ContractsService],
  exports: [VendorsService, ContractsService],
})
export class VendorsModule {}
