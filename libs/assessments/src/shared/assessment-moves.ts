import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { AssessmentEventEntity } from '../entities/assessment-event.entity.js';
import { AssessmentEntity } from '../entities/assessment.entity.js';
import { TransitionRefusedError } from '../assessments.errors.js';
import {
  type AssessmentAction,
  type AssessmentState,
  checkTransition,
  type Side,
} from '../lifecycle/assessment-states.js';

/** Each state stamps when it was first reached; the customer's stamps are its own columns. */
const STAMPS: Partial<Record<AssessmentState, 'sentAt' | 'submittedAt' | 'completedAt'>> = {
  sent: 'sentAt',
  submitted: 'submittedAt',
  completed: 'completedAt',
};

export interface MoveRequest {
  readonly action: AssessmentAction;
  readonly side: Side;
  readonly actorUserId: string | null;
  readonly comment?: string | null;
  /** Extra columns the customer's move sets with the state (e.g. next_cycle_on). */
  readonly also?: Partial<AssessmentEntity>;
}

/**
 * Moves an assessment to its next state, if the lifecycle allows it from the state it is in now.
 * The update is conditional on that state, so of two racing moves only one wins; the move is
 * written to the timeline both sides read.
 */
export async function moveAssessment(
  manager: EntityManager,
  assessment: AssessmentEntity,
  request: MoveRequest,
): Promise<AssessmentEntity> {
  const check = checkTransition(assessment.state, request.action, request.side);
  if (!check.allowed) throw new TransitionRefusedError(check.reason, assessment.state);
  const now = new Date();
  const stamp = STAMPS[check.to];
  const changes: Partial<AssessmentEntity> = {
    ...request.also,
    state: check.to,
    stateChangedAt: now,
    ...(stamp ? { [stamp]: now } : {}),
  };
  const result = await manager
    .createQueryBuilder()
    .update(AssessmentEntity)
    .set(changes)
    .where('tenant_id = :tenantId AND id = :id AND state = :state', {
      tenantId: assessment.tenantId,
      id: assessment.id,
      state: assessment.state,
    })
    .execute();
  if (result.affected !== 1) {
    throw new TransitionRefusedError(
      'The assessment changed state while you were working; reload it.',
      assessment.state,
    );
  }
  await manager.insert(AssessmentEventEntity, {
    tenantId: assessment.tenantId,
    id: randomUUID(),
    assessmentId: assessment.id,
    respondentTenantId: changes.respondentTenantId ?? assessment.respondentTenantId,
    fromState: assessment.state,
    toState: check.to,
    actorSide: request.side,
    actorUserId: request.actorUserId,
    comment: request.comment ?? null,
    occurredAt: now,
  });
  return Object.assign(new AssessmentEntity(), assessment, changes);
}
