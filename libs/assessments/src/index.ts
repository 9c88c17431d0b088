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
