import { Module } from '@nestjs/common';
import { AuditTrailService } from './audit-trail.service.js';
import { AuditVerificationJobs } from './audit-verification.jobs.js';
import { AuditVerifierService } from './audit-verifier.service.js';

@Module({
  providers: [AuditTrailService, AuditVerifierService, AuditVerificationJobs],
  exports: [AuditTrailService, AuditVerifierService],
})
export class AuditModule {}
