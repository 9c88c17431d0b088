import type { AssessmentEntity } from '../entities/assessment.entity.js';
import type { AssessmentObject, InboxAssessmentObject } from './assessment.objects.js';

export function customerView(a: AssessmentEntity): AssessmentObject {
  return {
    ...header(a),
    vendorId: a.vendorId,
    vendorName: a.vendorName,
    vendorLinked: a.respondentTenantId !== null,
    nextCycleOn: a.nextCycleOn,
    createdAt: a.createdAt,
  };
}

/** The MSP's view: nothing of the customer's own records beyond its name. */
export function inboxView(a: AssessmentEntity): InboxAssessmentObject {
  return { ...header(a), customerName: a.customerName };
}

function header(a: AssessmentEntity) {
  return {
    id: a.id,
    title: a.title,
    state: a.state,
    dueOn: a.dueOn,
    tier: a.tier,
    questionCount: a.questionIds.length,
    stateChangedAt: a.stateChangedAt,
    sentAt: a.sentAt,
    submittedAt: a.submittedAt,
    completedAt: a.completedAt,
    previousAssessmentId: a.previousAssessmentId,
  };
}
