import { IsNull, Not, type EntityManager } from 'typeorm';
import { AssessmentInvitationEntity } from '../entities/assessment-invitation.entity.js';
import { AssessmentEntity } from '../entities/assessment.entity.js';

/** Cycles an automatic successor may look back through for the people who answered before. */
const MAX_CYCLES_BACK = 20;

/**
 * Who a reminder about `assessment` goes to: everyone invited to answer it, accepted or not, once
 * per address. A cycle sent automatically to a linked vendor has no invitations of its own, so
 * it falls back to the people who answered the cycles before it.
 */
export async function respondentEmails(
  manager: EntityManager,
  assessment: AssessmentEntity,
): Promise<string[]> {
  const invited = await invitationEmails(manager, assessment, false);
  if (invited.length > 0) return invited;
  const previous = await previousCycle(manager, assessment);
  return previous ? pastRespondents(manager, previous) : [];
}

/**
 * The people who accepted an invitation to `assessment`, or else to the nearest earlier cycle
 * that had one: those who answered last time, and know the vendor's answers.
 */
export async function pastRespondents(
  manager: EntityManager,
  assessment: AssessmentEntity,
): Promise<string[]> {
  let cycle: AssessmentEntity | null = assessment;
  for (let back = 0; cycle && back < MAX_CYCLES_BACK; back++) {
    const accepted = await invitationEmails(manager, cycle, true);
    if (accepted.length > 0) return accepted;
    cycle = await previousCycle(manager, cycle);
  }
  return [];
}

async function invitationEmails(
  manager: EntityManager,
  assessment: AssessmentEntity,
  acceptedOnly: boolean,
): Promise<string[]> {
  const invitations = await manager.find(AssessmentInvitationEntity, {
    where: {
      tenantId: assessment.tenantId,
      assessmentId: assessment.id,
      ...(acceptedOnly ? { acceptedAt: Not(IsNull()) } : {}),
    },
    select: { email: true, emailKey: true },
    order: { createdAt: 'ASC' },
  });
  return [...new Map(invitations.map((i) => [i.emailKey, i.email])).values()];
}

function previousCycle(
  manager: EntityManager,
  assessment: AssessmentEntity,
): Promise<AssessmentEntity | null> {
  if (!assessment.previousAssessmentId) return Promise.resolve(null);
  return manager.findOneBy(AssessmentEntity, {
    tenantId: assessment.tenantId,
    id: assessment.previousAssessmentId,
  });
}
