import { AuditModule } from '@app/audit';
import { CatalogModule } from '@app/catalog';
import { IdentityModule } from '@app/identity';
import { NotificationsModule } from '@app/notifications';
import { SpreadsheetModule } from '@app/common';
import { APP_CONFIG, type AppConfig } from '@app/config';
import { EvidenceStore, FileEvidenceStore } from '@app/evidence';
import { Module } from '@nestjs/common';
import { EvidenceService } from './evidence/evidence.service.js';
import { WorkbookService } from './offline/workbook.service.js';
import { RecomputeScoresJob } from './scores/recompute-scores.job.js';
import { ScoreRecorder } from './scores/score-recorder.js';
import { ScoresService } from './scores/scores.service.js';
import { ScoringSettingsService } from './scores/scoring-settings.service.js';
import { ContractCheckService } from './contracts/contract-check.service.js';
import { FindingsService } from './findings/findings.service.js';
import { LibraryGrantNoticeJob } from './library/library-grant-notice.job.js';
import { LibraryGrantsService } from './library/library-grants.service.js';
import { LibraryPrefillService } from './library/library-prefill.service.js';
import { LibraryService } from './library/library.service.js';
import { AssessmentsService } from './customer/assessments.service.js';
import { ReassessmentCycles } from './customer/reassessment-cycles.service.js';
import { ReviewService } from './customer/review.service.js';
import { NotifyCustomerJob } from './notifications/notify-customer.job.js';
import { AnsweringService } from './respondent/answering.service.js';
import { InboxService } from './respondent/inbox.service.js';
import { CommentsService } from './shared/comments.service.js';
import { FormCache } from './shared/form-cache.js';
import { AnswersContents } from './shared/answers-contents.service.js';
import { DailySweepJobs } from './schedule/daily-sweep.jobs.js';
import { DailySweep } from './schedule/daily-sweep.service.js';
import { ReassessmentSweep } from './schedule/reassessment-sweep.service.js';
import { ReminderSweep } from './schedule/reminder-sweep.service.js';
import { RemediationSweep } from './schedule/remediation-sweep.service.js';
import { NotifyFindingJob } from './notifications/notify-finding.job.js';
import { CustomerRemediationService } from './remediation/customer-remediation.service.js';
import { FindingRescore } from './remediation/finding-rescore.js';
import { MspWorkspaceService } from './remediation/msp-workspace.service.js';
import { RemediationItemsService } from './remediation/remediation-items.service.js';
import { RemediationEvidenceService } from './remediation/remediation-evidence.service.js';
import { BlobCollector } from './storage/blob-collector.service.js';
import { StorageCollectionJobs } from './storage/storage-collection.jobs.js';
import { StorageUsageService } from './storage/storage-usage.service.js';
import { UploadIntake } from './storage/upload-intake.service.js';

const SERVICES = [
  AssessmentsService,
  ReviewService,
  ReassessmentCycles,
  InboxService,
  AnsweringService,
  CommentsService,
  EvidenceService,
  WorkbookService,
  ContractCheckService,
  ScoringSettingsService,
  ScoresService,
  RecomputeScoresJob,
  FindingsService,
  CustomerRemediationService,
  MspWorkspaceService,
  RemediationItemsService,
  RemediationEvidenceService,
  AnswersContents,
  LibraryService,
  LibraryGrantsService,
  LibraryPrefillService,
  StorageUsageService,
  BlobCollector,
];

@Module({
  imports: [AuditModule, CatalogModule, IdentityModule, NotificationsModule, SpreadsheetModule],
  providers: [
    ...SERVICES,
    NotifyCustomerJob,
    NotifyFindingJob,
    FindingRescore,
    RemediationSweep,
    LibraryGrantNoticeJob,
    ScoreRecorder,
    FormCache,
    ReminderSweep,
    ReassessmentSweep,
    DailySweep,
    DailySweepJobs,
    UploadIntake,
    StorageCollectionJobs,
    {
      provide: EvidenceStore,
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => new FileEvidenceStore(config.evidence.dir),
    },
  ],
  exports: SERVICES,
})
export class AssessmentsModule {}
