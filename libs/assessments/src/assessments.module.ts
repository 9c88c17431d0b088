import { AuditModule } from '@app/audit';
import { CatalogModule } from '@app/catalog';
import { IdentityModule } from '@app/identity';
import { NotificationsModule } from '@app/notifications';
import { Module } from '@nestjs/common';
import { AssessmentsService } from './customer/assessments.service.js';
import { ReassessmentCycles } from './customer/reassessment-cycles.service.js';
import { ReviewService } from './customer/review.service.js';
import { NotifyCustomerJob } from './notifications/notify-customer.job.js';
import { AnsweringService } from './respondent/answering.service.js';
import { InboxService } from './respondent/inbox.service.js';
import { CommentsService } from './shared/comments.service.js';

const SERVICES = [
  AssessmentsService,
  ReviewService,
  ReassessmentCycles,
  InboxService,
  AnsweringService,
  CommentsService,
];

@Module({
  imports: [AuditModule, CatalogModule, IdentityModule, NotificationsModule],
  providers: [...SERVICES, NotifyCustomerJob],
  exports: SERVICES,
})
export class AssessmentsModule {}
