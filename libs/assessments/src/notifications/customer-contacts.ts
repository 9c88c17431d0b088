import { UserEntity } from '@app/identity';
import { VendorEntity } from '@app/vendors';
import type { EntityManager } from 'typeorm';
import type { AssessmentEntity } from '../entities/assessment.entity.js';

/**
 * Who at the customer hears about an assessment: the vendor's owner, else whoever created the
 * assessment. Runs in the customer's tenant, where those people are visible.
 */
export async function customerContact(
  manager: EntityManager,
  assessment: AssessmentEntity,
): Promise<UserEntity | null> {
  const vendor = await manager.findOneBy(VendorEntity, {
    tenantId: assessment.tenantId,
    id: assessment.vendorId,
  });
  const userId = vendor?.ownerUserId ?? assessment.createdBy;
  if (!userId) return null;
  return manager.findOne(UserEntity, {
    where: { id: userId },
    select: { id: true, email: true, displayName: true },
  });
}
