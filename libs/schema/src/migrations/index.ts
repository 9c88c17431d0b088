import { Foundation1795545356165 } from './1795545356165-foundation.js';
import { Identity1795547692082 } from './1795547692082-identity.js';
import { InvitationsAndOutbox1795548472149 } from './1795548472149-invitations-and-outbox.js';
import { PasswordResets1795548814105 } from './1795548814105-password-resets.js';
import { ApiKeys1795548996879 } from './1795548996879-api-keys.js';
import { Catalog1795550096297 } from './1795550096297-catalog.js';
import { Vendors1795551662136 } from './1795551662136-vendors.js';
import { VendorContracts1795552198861 } from './1795552198861-vendor-contracts.js';
import { Assessments1795553776752 } from './1795553776752-assessments.js';
import { Scores1795556128502 } from './1795556128502-scores.js';
import { Findings1795560071810 } from './1795560071810-findings.js';
import { Remediation1795563739432 } from './1795563739432-remediation.js';
import { AnswerLibrary1795570000000 } from './1795570000000-answer-library.js';
import { GrantChains1795580100000 } from './1795580100000-grant-chains.js';
import { ServingRoles1795580200000 } from './1795580200000-serving-roles.js';
import { CrossTenantWrites1795580300000 } from './1795580300000-cross-tenant-writes.js';
import { KeyedAuditChain1795580300001 } from './1795580300001-keyed-audit-chain.js';
import { RateLimits1795580400000 } from './1795580400000-rate-limits.js';
import { StoredBlobs1795580500000 } from './1795580500000-stored-blobs.js';
import { AnswerClaims1795580700000 } from './1795580700000-answer-claims.js';

/** Applied in this order; never edit a migration once it has landed. */
export const MIGRATIONS = [
  Foundation1795545356165,
  Identity1795547692082,
  InvitationsAndOutbox1795548472149,
  PasswordResets1795548814105,
  ApiKeys1795548996879,
  Catalog1795550096297,
  Vendors1795551662136,
  VendorContracts1795552198861,
  Assessments1795553776752,
  Scores1795556128502,
  Findings1795560071810,
  Remediation1795563739432,
  AnswerLibrary1795570000000,
  GrantChains1795580100000,
  ServingRoles1795580200000,
  CrossTenantWrites1795580300000,
  KeyedAuditChain1795580300001,
  RateLimits1795580400000,
  StoredBlobs1795580500000,
  AnswerClaims1795580700000,
];
