import { RequestContext } from '@app/common';
import { TenantDatabase } from '@app/database';
import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { auditEventHash, GENESIS_HASH } from './audit-hash.js';
import { AuditChainHeadEntity } from './entities/audit-chain-head.entity.js';
import { AuditEventEntity } from './entities/audit-event.entity.js';

export interface AuditVerification {
  readonly valid: boolean;
  readonly eventsChecked: number;
  /** The first seq at which the chain no longer holds; null when valid. */
  readonly firstBrokenSeq: string | null;
  readonly problem: string | null;
}

const BATCH_SIZE = 1_000;

/** Re-walks a tenant's chain from the first event and reports where it first breaks. */
@Injectable()
export class AuditVerifierService {
  constructor(
    private readonly db: TenantDatabase,
    private readonly context: RequestContext,
  ) {}

  verify(): Promise<AuditVerification> {
    return this.db.transaction((manager) => this.walk(manager, this.context.tenantId));
  }

  private async walk(manager: EntityManager, tenantId: string): Promise<AuditVerification> {
    let expectedSeq = 1n;
    let prevHash = GENESIS_HASH;
    let checked = 0;
    const broken = (seq: bigint, problem: string): AuditVerification => ({
      valid: false,
      eventsChecked: checked,
      firstBrokenSeq: seq.toString(),
      problem,
    });
    for (;;) {
      const batch = await manager
        .createQueryBuilder(AuditEventEntity, 'event')
        .where('event.tenantId = :tenantId AND event.seq >= :from', {
          tenantId,
          from: expectedSeq.toString(),
        })
        .orderBy('event.seq', 'ASC')
        .take(BATCH_SIZE)
        .getMany();
      for (const event of batch) {
        if (BigInt(event.seq) !== expectedSeq) return broken(expectedSeq, 'event missing');
        if (event.prevHash !== prevHash) return broken(expectedSeq, 'previous hash does not match');
        if (auditEventHash(prevHash, event) !== event.hash) {
          return broken(expectedSeq, 'event content does not match its hash');
        }
        prevHash = event.hash;
        expectedSeq++;
        checked++;
      }
      if (batch.length < BATCH_SIZE) break;
    }
    const head = await manager.findOneBy(AuditChainHeadEntity, { tenantId });
    const lastSeq = (expectedSeq - 1n).toString();
    if ((head?.lastSeq ?? '0') !== lastSeq || (head?.lastHash ?? GENESIS_HASH) !== prevHash) {
      return broken(expectedSeq, 'events missing at the end of the chain');
    }
    return { valid: true, eventsChecked: checked, firstBrokenSeq: null, problem: null };
  }
}
