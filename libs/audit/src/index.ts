import { AuditChainHeadEntity } from './entities/audit-chain-head.entity.js';
import { AuditEventEntity } from './entities/audit-event.entity.js';

export { auditEventHash, GENESIS_HASH } from './audit-hash.js';
export { AuditModule } from './audit.module.js';
export {
  AuditVerificationJobs,
  VERIFY_ALL_AUDIT_CHAINS,
  VERIFY_AUDIT_CHAIN,
} from './audit-verification.jobs.js';
export { type AuditEventInput, type AuditPage, AuditTrailService } from './audit-trail.service.js';
export { type AuditVerification, AuditVerifierService } from './audit-verifier.service.js';
export { InvalidAuditSummaryError } from './audit.errors.js';
export { AuditChainHeadEntity, AuditEventEntity };

export const AUDIT_ENTITIES = [AuditEventEntity, AuditChainHeadEntity];
export { AuditGraphqlModule } from './audit-graphql.module.js';
