import { randomUUID } from 'node:crypto';
import { AuditTrailService } from '@app/audit';
import { Clock, RequestContext } from '@app/common';
import { TenantDatabase } from '@app/database';
import { JobQueue } from '@app/jobs';
import { Injectable } from '@nestjs/common';
import { type EntityManager, IsNull, MoreThan } from 'typeorm';
import { LibraryGrantEntity } from '../entities/library-grant.entity.js';
import { LibraryUseEntity } from '../entities/library-use.entity.js';
import { assessmentFor } from '../shared/assessment-lookup.js';
import { NOTIFY_LIBRARY_GRANT } from './library-grant-notice.job.js';
import { LibraryGrantInvalidError, LibraryGrantNotFoundError } from './library.errors.js';

/** The longest a grant may run before the MSP must give it again. */
export const MAX_GRANT_DAYS = 730;

export type LibraryGrantStatus = 'active' | 'expired' | 'revoked';

export function grantStatus(grant: LibraryGrantEntity, now: Date): LibraryGrantStatus {
  if (grant.revokedAt) return 'revoked';
  return grant.expiresAt.getTime() > now.getTime() ? 'active' : 'expired';
}

/**
 * The MSP's consent to use its answer library for one customer: explicit, expiring, revocable,
 * audited, and told to the customer. The customer is named through an assessment in the MSP's
 * inbox, so an MSP can only ever grant to customers that have sent it an assessment; any other
 * id is the same not-found.
 */
@Injectable()
export class LibraryGrantsService {
  constructor(
    private readonly db: TenantDatabase,
    private readonly context: RequestContext,
    private readonly audit: AuditTrailService,
    private readonly clock: Clock,
    private readonly queue: JobQueue,
  ) {}

  /** Grants the customer of `assessmentId` until `expiresAt`; an active grant is superseded. */
  async grant(assessmentId: string, expiresAt: Date): Promise<LibraryGrantEntity> {
    const now = this.clock.now();
    if (!(expiresAt.getTime() > now.getTime())) {
      throw new LibraryGrantInvalidError('A grant must expire in the future.');
    }
    if (expiresAt.getTime() > now.getTime() + MAX_GRANT_DAYS * 24 * 3600 * 1000) {
      throw new LibraryGrantInvalidError(`A grant may run for ${MAX_GRANT_DAYS} days at most.`);
    }
    return this.db.transaction(async (manager) => {
      const me = this.context.tenantId;
      const assessment = await assessmentFor(manager, 'vendor', me, assessmentId);
      const superseded = await this.activeFor(manager, assessment.tenantId, 'pessimistic_write');
      for (const old of superseded) {
        await manager.update(
          LibraryGrantEntity,
          { tenantId: me, id: old.id, revokedAt: IsNull() },
          { revokedAt: now, revokedBy: this.context.userId },
        );
      }
      const grant = manager.create(LibraryGrantEntity, {
        tenantId: me,
        id: randomUUID(),
        customerTenantId: assessment.tenantId,
        assessmentId,
        customerName: assessment.customerName,
        grantedBy: this.context.userId,
        grantedAt: now,
        expiresAt,
        revokedAt: null,
        revokedBy: null,
      });
      await manager.insert(LibraryGrantEntity, grant);
      await this.audit.record({
        action: 'library.access_granted',
        objectType: 'library_grant',
        objectId: grant.id,
        summary: {
          customerTenantId: grant.customerTenantId,
          assessmentId,
          expiresAt: expiresAt.toISOString(),
          superseded: superseded.map((g) => g.id),
        },
      });
      await this.queue.sendAs(assessment.tenantId, NOTIFY_LIBRARY_GRANT, {
        assessmentId,
        event: 'granted',
        expiresAt: expiresAt.toISOString(),
      });
      return grant;
    });
  }

  /** Ends a grant now; prefills for that customer stop at once (they re-check in their write). */
  revoke(grantId: string): Promise<LibraryGrantEntity> {
    return this.db.transaction(async (manager) => {
      const grant = await this.find(manager, grantId, true);
      if (grant.revokedAt) return grant;
      const now = this.clock.now();
      await manager.update(
        LibraryGrantEntity,
        { tenantId: grant.tenantId, id: grant.id, revokedAt: IsNull() },
        { revokedAt: now, revokedBy: this.context.userId },
      );
      await this.audit.record({
        action: 'library.access_revoked',
        objectType: 'library_grant',
        objectId: grant.id,
        summary: { customerTenantId: grant.customerTenantId },
      });
      if (grant.expiresAt.getTime() > now.getTime()) {
        await this.queue.sendAs(grant.customerTenantId, NOTIFY_LIBRARY_GRANT, {
          assessmentId: grant.assessmentId,
          event: 'revoked',
          expiresAt: grant.expiresAt.toISOString(),
        });
      }
      return this.find(manager, grantId);
    });
  }

  /** Every grant the MSP has given, newest first. */
  list(): Promise<LibraryGrantEntity[]> {
    return this.db.transaction((manager) =>
      manager.find(LibraryGrantEntity, {
        where: { tenantId: this.context.tenantId },
        order: { grantedAt: 'DESC', id: 'DESC' },
        take: 500,
      }),
    );
  }

  /** The log of one grant's uses, newest first: which library answer filled which question. */
  uses(
    grantId: string,
    first: number,
    after: string | undefined,
  ): Promise<{ uses: LibraryUseEntity[]; hasNextPage: boolean }> {
    return this.db.transaction(async (manager) => {
      const grant = await this.find(manager, grantId);
      const query = manager
        .createQueryBuilder(LibraryUseEntity, 'u')
        .where('u.tenantId = :tenantId AND u.grantId = :grantId', {
          tenantId: grant.tenantId,
          grantId: grant.id,
        })
        .orderBy('u.usedAt', 'DESC')
        .addOrderBy('u.id', 'DESC')
        .take(first + 1);
      if (after) {
        const cursor = await manager.findOneBy(LibraryUseEntity, {
          tenantId: grant.tenantId,
          grantId: grant.id,
          id: after,
        });
        if (!cursor) throw new LibraryGrantNotFoundError();
        query.andWhere('(u.usedAt, u.id) < (:usedAt, :id)', {
          usedAt: cursor.usedAt,
          id: cursor.id,
        });
      }
      const rows = await query.getMany();
      return { uses: rows.slice(0, first), hasNextPage: rows.length > first };
    });
  }

  /**
   * The grant that lets the MSP prefill for `customerTenantId` now, if any. With `lock`, the row
   * is share-locked until the caller's transaction ends, so a revocation waits for a write in
   * flight and a write after a revocation sees it.
   */
  async active(
    manager: EntityManager,
    customerTenantId: string,
    lock = false,
  ): Promise<LibraryGrantEntity | null> {
    const [grant] = await this.activeFor(
      manager,
      customerTenantId,
      lock ? 'pessimistic_read' : undefined,
    );
    return grant ?? null;
  }

  private activeFor(
    manager: EntityManager,
    customerTenantId: string,
    lock?: 'pessimistic_read' | 'pessimistic_write',
  ): Promise<LibraryGrantEntity[]> {
    return manager.find(LibraryGrantEntity, {
      where: {
        tenantId: this.context.tenantId,
        customerTenantId,
        revokedAt: IsNull(),
        expiresAt: MoreThan(this.clock.now()),
      },
      order: { expiresAt: 'DESC' },
      ...(lock ? { lock: { mode: lock } } : {}),
    });
  }

  private async find(
    manager: EntityManager,
    id: string,
    lock = false,
  ): Promise<LibraryGrantEntity> {
    const found = await manager.findOne(LibraryGrantEntity, {
      where: { tenantId: this.context.tenantId, id },
      ...(lock ? { lock: { mode: 'pessimistic_write' as const } } : {}),
    });
    if (!found) throw new LibraryGrantNotFoundError();
    return found;
  }
}
