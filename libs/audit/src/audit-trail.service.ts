import { randomUUID } from 'node:crypto';
import { RequestContext } from '@app/common';
import { TenantDatabase } from '@app/database';
import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity.js';
import { auditEventHash, GENESIS_HASH } from './audit-hash.js';
import { assertValidSummary } from './audit-summary.js';
import { AuditChainHeadEntity } from './entities/audit-chain-head.entity.js';
import { AuditEventEntity } from './entities/audit-event.entity.js';

export interface AuditEventInput {
  readonly action: string;
  readonly objectType: string;
  readonly objectId?: string | null;
  readonly summary?: Record<string, unknown>;
}

export interface AuditPage {
  readonly events: AuditEventEntity[];
  readonly hasNextPage: boolean;
}

/**
 * The tenant's append-only, hash-chained audit trail. `record` joins the caller's transaction, so
 * an audit row exists exactly when the change it describes was committed.
 */
@Injectable()
export class AuditTrailService {
  constructor(
    private readonly db: TenantDatabase,
    private readonly context: RequestContext,
  ) {}

  async record(input: AuditEventInput): Promise<AuditEventEntity> {
    const summary = input.summary ?? {};
    assertValidSummary(summary);
    return this.db.transaction(async (manager) => {
      const tenantId = this.context.tenantId;
      const head = await this.lockHead(manager, tenantId);
      const actor = this.context.actor;
      const fields = {
        tenantId,
        seq: (BigInt(head.lastSeq) + 1n).toString(),
        id: randomUUID(),
        occurredAt: new Date(),
        actorType: actor.type,
        actorId: actor.id,
        action: input.action,
        objectType: input.objectType,
        objectId: input.objectId ?? null,
        summary,
        correlationId: this.context.correlationId ?? null,
      };
      const event = manager.create(AuditEventEntity, {
        ...fields,
        prevHash: head.lastHash,
        hash: auditEventHash(head.lastHash, fields),
      });
      // jsonb: TypeORM's partial-entity type cannot express an open JSON object.
      await manager.insert(AuditEventEntity, event as QueryDeepPartialEntity<AuditEventEntity>);
      await manager.update(
        AuditChainHeadEntity,
        { tenantId },
        { lastSeq: event.seq, lastHash: event.hash },
      );
      return event;
    });
  }

  /** Newest first; `before` is the seq of the last event of the previous page. */
  list(first: number, before?: string): Promise<AuditPage> {
    return this.db.transaction(async (manager) => {
      const query = manager
        .createQueryBuilder(AuditEventEntity, 'event')
        .where('event.tenantId = :tenantId', { tenantId: this.context.tenantId })
        .orderBy('event.seq', 'DESC')
        .take(first + 1);
      if (before !== undefined) query.andWhere('event.seq < :before', { before });
      const rows = await query.getMany();
      return { events: rows.slice(0, first), hasNextPage: rows.length > first };
    });
  }

  /** Serialises appends per tenant: the head row is created once, then locked. */
  private async lockHead(manager: EntityManager, tenantId: string): Promise<AuditChainHeadEntity> {
    await manager
      .createQueryBuilder()
      .insert()
      .into(AuditChainHeadEntity)
      .values({ tenantId, lastSeq: '0', lastHash: GENESIS_HASH })
      .orIgnore()
      .execute();
    return manager
      .createQueryBuilder(AuditChainHeadEntity, 'head')
      .setLock('pessimistic_write')
      .where('head.tenantId = :tenantId', { tenantId })
      .getOneOrFail();
  }
}
