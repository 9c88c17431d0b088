import { AnswerEntity } from './answer.entity.js';
import { AssessmentCommentEntity } from './assessment-comment.entity.js';
import { AssessmentEventEntity } from './assessment-event.entity.js';
import { AssessmentFormEntity } from './assessment-form.entity.js';
import { AssessmentInvitationEntity } from './assessment-invitation.entity.js';
import { AssessmentNoteEntity } from './assessment-note.entity.js';
import { AssessmentReminderEntity } from './assessment-reminder.entity.js';
import { AssessmentEntity } from './assessment.entity.js';
import { EvidenceFileEntity } from './evidence-file.entity.js';
import { ReassessmentCycleEntity } from './reassessment-cycle.entity.js';
import { AssessmentFamilyScoreEntity } from './assessment-family-score.entity.js';
import { AssessmentScoreEntity } from './assessment-score.entity.js';
import { ScoringSettingsEntity } from './scoring-settings.entity.js';
import { FindingEntity } from './finding.entity.js';
import { FindingLinkEntity } from './finding-link.entity.js';
import { FindingUpdateEntity } from './finding-update.entity.js';
import { RiskAcceptanceEntity } from './risk-acceptance.entity.js';
import { RemediationItemEntity } from './remediation-item.entity.js';
import { RemediationEvidenceEntity } from './remediation-evidence.entity.js';
import { LibraryAnswerEntity } from './library-answer.entity.js';
import { LibraryGrantEntity } from './library-grant.entity.js';
import { LibraryUseEntity } from './library-use.entity.js';
import { StoredBlobEntity } from './stored-blob.entity.js';

export {
  AnswerEntity,
  AssessmentCommentEntity,
  AssessmentEntity,
  AssessmentEventEntity,
  AssessmentFormEntity,
  AssessmentInvitationEntity,
  AssessmentNoteEntity,
  AssessmentReminderEntity,
  EvidenceFileEntity,
  ReassessmentCycleEntity,
  AssessmentFamilyScoreEntity,
  AssessmentScoreEntity,
  ScoringSettingsEntity,
  FindingEntity,
  FindingLinkEntity,
  FindingUpdateEntity,
  RiskAcceptanceEntity,
  RemediationItemEntity,
  RemediationEvidenceEntity,
  LibraryAnswerEntity,
  LibraryGrantEntity,
  LibraryUseEntity,
  StoredBlobEntity,
};
export type { ReviewStatus } from './answer.entity.js';
export { REMINDER_KINDS, type ReminderKind } from './assessment-reminder.entity.js';

export const ASSESSMENT_ENTITIES = [
  AssessmentFormEntity,
  AssessmentEntity,
  AnswerEntity,
  AssessmentCommentEntity,
  AssessmentNoteEntity,
  AssessmentEventEntity,
  AssessmentInvitationEntity,
  EvidenceFileEntity,
  AssessmentReminderEntity,
  ReassessmentCycleEntity,
  ScoringSettingsEntity,
  AssessmentScoreEntity,
  AssessmentFamilyScoreEntity,
  FindingEntity,
  FindingLinkEntity,
  FindingUpdateEntity,
  RiskAcceptanceEntity,
  RemediationItemEntity,
  RemediationEvidenceEntity,
  LibraryAnswerEntity,
  LibraryGrantEntity,
  LibraryUseEntity,
  StoredBlobEntity,
];
export type { StoredControlScores, StoredFamilyScore } from './assessment-score.entity.js';
export {
  FINDING_SEVERITIES,
  FINDING_STATUSES,
  type FindingSeverity,
  type FindingStatus,
} from './finding.entity.js';
export {
  DEFAULT_FRESHNESS_DAYS,
  type LibraryEvidence,
  MAX_FRESHNESS_DAYS,
} from './library-answer.entity.js';
