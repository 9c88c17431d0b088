import { setImmediate as setImmediatePromise } from 'node:timers/promises';
import { RequestContext } from '@app/common';
import { APP_CONFIG, type AppConfig, type AuditKey } from '@app/config';
import { TenantDatabase, TenantSingleFlight } from '@app/database';
import { Inject, Injectable } from '@nestjs/common';
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
  /**
   * Events from before keys, checked by plain SHA-256 only: anyone able to write the table could
   * have recomputed them. They are accepted only at the start of a chain.
   */
  readonly unkeyedEvents: number;
}

/**
 * Small batches with a pause for the event loop between every few events: hashing is CPU work,
 * and a long chain must not hold up other tenants' requests in the same process.
 */
const BATCH_SIZE = 250;
const EVENTS_BETWEEN_PAUSES = 50;

/**
 * Re-walks a tenant's chain from the first event and reports where it first breaks. Each event
 * is checked under the key its id names, so events signed before a rotation still verify.
 */
@Injectable()
export class AuditVerifierService {
  private readonly keys: ReadonlyMap<string, AuditKey>;

  constructor(
    private readonly db: TenantDatabase,
    private readonly context: RequestContext,
    private readonly flights: TenantSingleFlight,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.keys = new Map(config.audit.keys.map((key) => [key.id, key]));
  }

  /** One verification per tenant at a time (the API's and the daily job's alike). */
  verify(): Promise<AuditVerification> {
    return this.flights.run('audit verification', () => this.walk());
  }

  /**
   * Reads the chain head first, then walks up to it in batches, each in a transaction of its own:
   * a long chain never holds a connection (on the embedded database, the only one) for long.
   * Events appended meanwhile lie beyond the head read and are checked next time.
   */
  private async walk(): Promise<AuditVerification> {
    const tenantId = this.context.tenantId;
    const head = await this.db.transaction((manager) =>
      manager.findOneBy(AuditChainHeadEntity, { tenantId }),
    );
    const lastSeq = BigInt(head?.lastSeq ?? '0');
    let expectedSeq = 1n;
    let prevHash = GENESIS_HASH;
    let checked = 0;
    let unkeyed = 0;
    const broken = (seq: bigint, problem: string): AuditVerification => ({
      valid: false,
      eventsChecked: checked,
      firstBrokenSeq: seq.toString(),
      problem,
      unkeyedEvents: unkeyed,
    });
    while (expectedSeq <= lastSeq) {
      const batch = await this.db.transaction((manager) =>
        this.batch(manager, tenantId, expectedSeq, lastSeq),
      );
      if (batch.length === 0) break;
      for (const event of batch) {
        if (BigInt(event.seq) !== expectedSeq) return broken(expectedSeq, 'event missing');
        if (event.prevHash !== prevHash) return broken(expectedSeq, 'previous hash does not match');
        const key = event.keyId === null ? null : this.keys.get(event.keyId);
        if (key === undefined) {
          return broken(
            expectedSeq,
            `signed with audit key "${event.keyId}", which is not configured (AUDIT_HMAC_KEYS)`,
          );
        }
        // An unkeyed event after a keyed one is a downgrade: someone re-hashed without the key.
        if (key === null && unkeyed < checked) {
          return broken(expectedSeq, 'an unkeyed event follows keyed ones');
        }
        if (auditEventHash(prevHash, event, key) !== event.hash) {
          return broken(expectedSeq, 'event content does not match its hash');
        }
        if (key === null) unkeyed++;
        prevHash = event.hash;
        expectedSeq++;
        checked++;
        if (checked % EVENTS_BETWEEN_PAUSES === 0) await setImmediatePromise();
      }
    }
    if (expectedSeq - 1n !== lastSeq || (head?.lastHash ?? GENESIS_HASH) !== prevHash) {
      return broken(expectedSeq, 'events missing at the end of the chain');
    }
    return {
      valid: true,
      eventsChecked: checked,
      firstBrokenSeq: null,
      problem: null,
      unkeyedEvents: unkeyed,
    };
  }

  private batch(
    manager: EntityManager,
    tenantId: string,
    from: bigint,
    to: bigint,
  ): Promise<AuditEventEntity[]> {
    return manager
      .createQueryBuilder(AuditEventEntity, 'event')
      .where('event.tenantId = :tenantId AND event.seq >= :from AND event.seq <= :to', {
        tenantId,
        from: from.toString(),
        to: to.toString(),
      })
      .orderBy('event.seq', 'ASC')
      .take(BATCH_SIZE)
      .getMany();
  }
}
