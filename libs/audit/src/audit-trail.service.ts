import { randomUUID } from 'node:crypto';
import { RequestContext } from '@app/common';
import { APP_CONFIG, type AppConfig, type AuditKey } from '@app/config';
import { TenantDatabase } from '@app/database';
import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { auditEventHash } from './audit-hash.js';
import { assertValidSummary } from './audit-summary.js';
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

interface ChainHead {
  readonly lastSeq: string;
  readonly lastHash: string;
}

/**
 * The tenant's append-only, hash-chained audit trail. `record` joins the caller's transaction, so
 * an audit row exists exactly when the change it describes was committed. Each event is signed
 * with the newest configured key; the database only ever sees the signature and the key's id.
 */
@Injectable()
export class AuditTrailService {
  private readonly key: AuditKey;

  constructor(
    private readonly db: TenantDatabase,
    private readonly context: RequestContext,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    const current = config.audit.keys.find((k) => k.id === config.audit.currentKeyId);
    if (!current) throw new Error('The current audit key is not among the configured keys.');
    this.key = current;
  }

  async record(input: AuditEventInput): Promise<AuditEventEntity> {
    const summary = input.summary ?? {};
    assertValidSummary(summary);
    return this.db.transaction(async (manager) => {
      const tenantId = this.context.tenantId;
      const head = await this.lockHead(manager);
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
        hash: auditEventHash(head.lastHash, fields, this.key),
        keyId: this.key.id,
      });
      // The app role cannot write the chain itself: this function appends the event and moves
      // the head, and only ever to the next link (see the keyed-audit-chain migration).
      await manager.query(
        `SELECT app_audit_append($1, $2, $3, $4, $5, $6, $7, $8, $9::jsonb, $10, $11, $12, $13)`,
        [
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
          event.keyId,
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

  /** Serialises appends per tenant: locks the head (created with the tenant's first event). */
  private async lockHead(manager: EntityManager): Promise<ChainHead> {
    const [head] = await manager.query<{ head_seq: string; head_hash: string }[]>(
      `SELECT head_seq, head_hash FROM app_audit_lock_head()`,
    );
    if (!head) throw new Error('The audit chain head could not be locked.');
    return { lastSeq: String(head.head_seq), lastHash: head.head_hash };
  }
}
