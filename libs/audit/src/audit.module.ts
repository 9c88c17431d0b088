import { Module } from '@nestjs/common';
import { AuditTrailService } from './audit-trail.service.js';
import { AuditVerifierService } from './audit-verifier.service.js';

@Module({
  providers: [AuditTrailService, AuditVerifierService],
  exports: [AuditTrailService, AuditVerifierService],
})
export class AuditModule {}
