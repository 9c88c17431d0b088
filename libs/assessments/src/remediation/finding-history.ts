import { randomUUID } from 'node:crypto';
import { UserEntity } from '@app/identity';
import type { EntityManager } from 'typeorm';
import { FindingEntity, type FindingStatus } from '../entities/finding.entity.js';
import {
  FindingUpdateEntity,
  type FindingUpdateKind,
  type UpdateEvidence,
} from '../entities/finding-update.entity.js';
import { FindingLinkEntity } from '../entities/finding-link.entity.js';
import { type FindingSide, findingMoveRefusal } from './finding-states.js';
import { FindingChangedError, FindingMoveRefusedError } from './remediation.errors.js';

export interface FindingChange {
  readonly side: FindingSide;
  readonly authorUserId: string | null;
  readonly kind: FindingUpdateKind;
  readonly text?: string | null;
  /** The status to move to; none for an update that only reports. */
  readonly to?: FindingStatus;
  /** Plan fields set with the change. */
  readonly also?: Partial<FindingEntity>;
  readonly evidence?: readonly UpdateEvidence[];
  readonly at: Date;
}

/** Whether the customer shares this finding with the vendor's MSP organization. */
export async function isShared(manager: EntityManager, finding: FindingEntity): Promise<boolean> {
  return manager.existsBy(FindingLinkEntity, {
    tenantId: finding.tenantId,
    findingId: finding.id,
  });
}

/**
 * Records a change to a finding on its history, and moves it if the change says so. The move is
 * conditional on the status the caller read, so of two racing moves only one wins.
 */
export async function changeFinding(
  manager: EntityManager,
  finding: FindingEntity,
  change: FindingChange,
): Promise<FindingEntity> {
  const moves = change.to !== undefined && change.to !== finding.status;
  if (moves && change.to !== undefined) {
    const refusal = findingMoveRefusal({
      from: finding.status,
      to: change.to,
      side: change.side,
      vendorLinked: change.side === 'msp' || (await isShared(manager, finding)),
    });
    if (refusal) throw new FindingMoveRefusedError(refusal, finding.status);
  }
  const changes: Partial<FindingEntity> = {
    ...change.also,
    ...(moves ? { status: change.to, statusChangedAt: change.at } : {}),
  };
  if (Object.keys(changes).length > 0) {
    const result = await manager
      .createQueryBuilder()
      .update(FindingEntity)
      .set(changes)
      .where('tenant_id = :tenantId AND id = :id AND status = :status', {
        tenantId: finding.tenantId,
        id: finding.id,
        status: finding.status,
      })
      .execute();
    if (result.affected !== 1) throw new FindingChangedError();
  }
  await manager.insert(FindingUpdateEntity, {
    tenantId: finding.tenantId,
    id: randomUUID(),
    findingId: finding.id,
    side: change.side,
    authorUserId: change.authorUserId,
    authorName: await authorName(manager, change.authorUserId),
    kind: change.kind,
    text: change.text ?? null,
    fromStatus: moves ? finding.status : null,
    toStatus: moves ? (change.to ?? null) : null,
    evidence: [...(change.evidence ?? [])],
    createdAt: change.at,
  });
  return Object.assign(new FindingEntity(), finding, changes);
}

async function authorName(manager: EntityManager, userId: string | null): Promise<string | null> {
  if (!userId) return null;
  const user = await manager.findOne(UserEntity, {
    where: { id: userId },
    select: { id: true, displayName: true },
  });
  return user?.displayName ?? null;
}
