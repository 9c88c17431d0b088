import type { EntityManager } from 'typeorm';
import { In, Not } from 'typeorm';
import { AssessmentNotFoundError } from '../assessments.errors.js';
import { AssessmentEntity } from '../entities/assessment.entity.js';
import type { Side } from '../lifecycle/assessment-states.js';

/**
 * An assessment as one side may see it: the customer's own, or one addressed to the MSP (never
 * a draft). Anything else, including another tenant's, is the same not-found.
 */
export async function assessmentFor(
  manager: EntityManager,
  side: Side,
  tenantId: string,
  id: string,
): Promise<AssessmentEntity> {
  const found = await manager.findOneBy(
    AssessmentEntity,
    side === 'customer'
      ? { tenantId, id }
      : { respondentTenantId: tenantId, id, state: Not('draft') },
  );
  if (!found) throw new AssessmentNotFoundError();
  return found;
}

/** Many assessments as one side may see them, in one query; the others are simply missing. */
export function assessmentsFor(
  manager: EntityManager,
  side: Side,
  tenantId: string,
  ids: readonly string[],
): Promise<AssessmentEntity[]> {
  if (ids.length === 0) return Promise.resolve([]);
  return manager.findBy(
    AssessmentEntity,
    side === 'customer'
      ? { tenantId, id: In([...ids]) }
      : { respondentTenantId: tenantId, id: In([...ids]), state: Not('draft') },
  );
}
