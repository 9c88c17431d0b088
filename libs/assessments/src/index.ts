export * from './entities/index.js';
export * from './lifecycle/assessment-states.js';
export {
  questionsForTier,
  scopedTemplate,
  type Tier,
  TIER_MINIMUM_WEIGHT,
} from './scope/tier-scope.js';
export * from './assessments.errors.js';
export { AssessmentsModule } from './assessments.module.js';
export {
  type AssessmentFilter,
  type AssessmentPage,
  AssessmentsService,
  type NewAssessment,
} from './customer/assessments.service.js';
export {
  DEFAULT_CYCLE_MONTHS,
  type ReassessmentCycle,
  ReassessmentCycles,
} from './customer/reassessment-cycles.service.js';
export { type ReviewDecision, ReviewService } from './customer/review.service.js';
export { NOTIFY_CUSTOMER } from './notifications/notify-customer.job.js';
export {
  type AnswerSave,
  AnsweringService,
  MAX_ANSWERS_PER_SAVE,
} from './respondent/answering.service.js';
export { type InboxPage, InboxService } from './respondent/inbox.service.js';
export {
  type AssessmentContent,
  missingRequired,
  visibleIds,
} from './shared/assessment-content.js';
export { CommentsService } from './shared/comments.service.js';
export { AnswersContents } from './shared/answers-contents.service.js';
export { type EvidenceDownload, EvidenceService } from './evidence/evidence.service.js';
export { type WorkbookImportResult, WorkbookService } from './offline/workbook.service.js';
export { WorkbookImportError } from './offline/assessment-workbook.js';
export { AssessmentsGraphqlModule } from './assessments-graphql.module.js';
export {
  ASSESSMENTS_DAILY_SWEEP,
  ASSESSMENTS_TENANT_SWEEP,
  DailySweepJobs,
} from './schedule/daily-sweep.jobs.js';
export { DailySweep } from './schedule/daily-sweep.service.js';
export type { SweepFailure, SweepReport } from './schedule/sweep-report.js';
export {
  type ClauseContradiction,
  clauseContradictions,
} from './contracts/clause-contradictions.js';
export {
  type ContractCheck,
  ContractCheckService,
  type ContractContradiction,
} from './contracts/contract-check.service.js';
export { RECOMPUTE_SCORES, RecomputeScoresJob } from './scores/recompute-scores.job.js';
export { type AssessmentScore, ScoresService } from './scores/scores.service.js';
export {
  DEFAULT_SCORING_SETTINGS,
  type ScoringSettings,
  type ScoringSettingsChange,
  ScoringSettingsService,
} from './scores/scoring-settings.service.js';
export { FrameworkEnum, RiskLevelEnum } from './graphql/score.objects.js';
export { findingSeverity } from './findings/finding-severity.js';
export {
  FindingExistsError,
  type FindingFilter,
  FindingNotFoundError,
  type FindingPage,
  FindingsService,
} from './findings/findings.service.js';
export {
  CustomerRemediationService,
  MAX_ACCEPTANCE_DAYS,
} from './remediation/customer-remediation.service.js';
export { type FindingGroup, MspWorkspaceService } from './remediation/msp-workspace.service.js';
export { RemediationItemsService } from './remediation/remediation-items.service.js';
export { RemediationEvidenceService } from './remediation/remediation-evidence.service.js';
export { NOTIFY_FINDING } from './notifications/notify-finding.job.js';
export {
  controlKeys,
  isStale,
  type LibraryAnswerOptions,
  type LibraryPage,
  LibraryService,
} from './library/library.service.js';
export {
  grantStatus,
  type LibraryGrantStatus,
  LibraryGrantsService,
  MAX_GRANT_DAYS,
} from './library/library-grants.service.js';
export {
  type LibraryPrefill,
  LibraryPrefillService,
  type LibrarySuggestion,
  MAX_PREFILL_PER_APPLY,
  type PrefillChoice,
  type PrefillUnavailableReason,
} from './library/library-prefill.service.js';
export { NOTIFY_LIBRARY_GRANT } from './library/library-grant-notice.job.js';
export * from './library/library.errors.js';
export {
  BlobCollector,
  COLLECTION_GRACE_MS,
  type StoreCollection,
  type TenantCollection,
} from './storage/blob-collector.service.js';
export {
  COLLECT_STORED_EVIDENCE,
  COLLECT_TENANT_EVIDENCE,
  StorageCollectionJobs,
} from './storage/storage-collection.jobs.js';
export { type StorageUsage, StorageUsageService } from './storage/storage-usage.service.js';
