import { AuditModule } from '@app/audit';
import { Module } from '@nestjs/common';
import { VendorsService } from './vendors.service.js';

@Module({ imports: [AuditModule], providers: [VendorsService], exports: [VendorsService] })
export class VendorsModule {}
