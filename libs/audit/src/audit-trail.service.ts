import { randomUUID } from 'node:crypto';
import { RequestContext } from '@app/common';
import { TenantDatabase } from '@app/database';
import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
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
      // The event and the new head in one statement: the head stays locked for one round trip
      // less, and every write that is audited (all of them) costs one fewer.
      await manager.query(
        `WITH event AS (
           INSERT INTO audit_events (tenant_id, seq, id, occurred_at, actor_type, actor_id, action,
             object_type, object_id, summary, correlation_id, prev_hash, hash)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10::jsonb, $11, $12, $13))
         UPDATE audit_chain_heads SET last_seq = $2, last_hash = $13 WHERE tenant_id = $1`,
        [
          event.tenantId,
          event.seq,
          event.id,
          event.occurredAt,
          event.actorType,
          event.actorId,
          event.action,
          event.objectType,
          event.objectId,
          JSON.stringify(event.summary),
          event.correlationId,
          event.prevHash,
          event.hash,
        ],
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
    const locked = await this.selectHeadForUpdate(manager, tenantId);
    if (locked) return locked;
    // The tenant's first event: create the head (a concurrent first event may win), then lock it.
    await manager
      .createQueryBuilder()
      .insert()
      .into(AuditChainHeadEntity)
      .values({ tenantId, lastSeq: '0', lastHash: GENESIS_HASH })
      .orIgnore()
      .execute();
    const created = await this.selectHeadForUpdate(manager, tenantId);
    if (!created) throw new Error(`The audit chain head of ${tenantId} could not be created.`);
    return created;
  }

  private async selectHeadForUpdate(
    manager: EntityManager,
    tenantId: string,
  ): Promise<AuditChainHeadEntity | undefined> {
    const [head] = await manager.query<AuditChainHeadEntity[]>(
      `SELECT tenant_id AS "tenantId", last_seq AS "lastSeq", last_hash AS "lastHash"
         FROM audit_chain_heads WHERE tenant_id = $1 FOR UPDATE`,
      [tenantId],
    );
    return head;
  }
}
