import { AuditTrailService } from '@app/audit';
import { RequestContext } from '@app/common';
import { TenantDatabase, USER_SETTING } from '@app/database';
import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { MembershipEntity } from '../entities/membership.entity.js';
import { isRole, type Role } from '@app/access';
import { revokeGrantChain, type Revoked } from './grant-chain.js';
import { LastOwnerError, MemberNotFoundError, OwnerOnlyError } from './members.errors.js';

export interface Member {
  readonly userId: string;
  readonly email: string;
  readonly displayName: string;
  readonly role: Role;
  readonly joinedAt: Date;
}

export interface ActiveMembership {
  readonly role: Role;
  readonly sessionVersion: number;
}

const MEMBER_COLUMNS = `m.user_id AS "userId", u.email, u.display_name AS "displayName",
                        m.role, m.created_at AS "joinedAt"`;

/** The organization's members. Every read and write is the current tenant's, under RLS. */
@Injectable()
export class MembersService {
  constructor(
    private readonly db: TenantDatabase,
    private readonly context: RequestContext,
    private readonly audit: AuditTrailService,
  ) {}

  /**
   * The caller's live membership, checked on every request so that a removed member or a changed
   * role takes effect at once. Undefined when the user is no (longer an) active member.
   */
  async activeMembership(): Promise<ActiveMembership | undefined> {
    // Every authenticated request runs this: one round trip, the ids taken from the settings.
    const [row] = await this.db.readInOneTrip<{ role: string; sessionVersion: number }>(
      `SELECT m.role, u.session_version AS "sessionVersion"
         FROM memberships m JOIN users u ON u.id = m.user_id
        WHERE m.tenant_id = app_current_tenant()
          AND m.user_id = NULLIF(current_setting('${USER_SETTING}', true), '')::uuid
          AND u.disabled_at IS NULL`,
    );
    return row && isRole(row.role)
      ? { role: row.role, sessionVersion: Number(row.sessionVersion) }
      : undefined;
  }

  list(): Promise<Member[]> {
    return this.db.transaction((manager) =>
      manager.query<Member[]>(
        `SELECT ${MEMBER_COLUMNS} FROM memberships m JOIN users u ON u.id = m.user_id
          WHERE m.tenant_id = $1 ORDER BY u.display_name, u.email`,
        [this.context.tenantId],
      ),
    );
  }

  /** Adds a member inside the caller's transaction (sign-up, invitations). */
  add(userId: string, role: Role): Promise<void> {
    return this.db.transaction(async (manager) => {
      await manager.insert(MembershipEntity, { tenantId: this.context.tenantId, userId, role });
      await this.audit.record({
        action: 'member.added',
        objectType: 'user',
        objectId: userId,
        summary: { role },
      });
    });
  }

  changeRole(userId: string, role: Role): Promise<Member> {
    return this.db.transaction(async (manager) => {
      const current = await this.lockMember(manager, userId);
      if ((current.role === 'owner' || role === 'owner') && !current.callerIsOwner) {
        throw new OwnerOnlyError();
      }
      if (current.role === 'owner' && role !== 'owner')
        await this.assertAnotherOwner(manager, userId);
      if (current.role !== role) {
        await manager.update(
          MembershipEntity,
          { tenantId: this.context.tenantId, userId },
          { role },
        );
        const revoked = await this.revokeWhatTheyGranted(manager, userId);
        await this.audit.record({
          action: 'member.role_changed',
          objectType: 'user',
          objectId: userId,
          summary: { from: current.role, to: role, ...revoked },
        });
      }
      return this.findMember(manager, userId);
    });
  }

  remove(userId: string): Promise<void> {
    return this.db.transaction(async (manager) => {
      const current = await this.lockMember(manager, userId);
      if (current.role === 'owner') {
        if (!current.callerIsOwner) throw new OwnerOnlyError();
        await this.assertAnotherOwner(manager, userId);
      }
      await manager.delete(MembershipEntity, { tenantId: this.context.tenantId, userId });
      const revoked = await this.revokeWhatTheyGranted(manager, userId);
      await this.audit.record({
        action: 'member.removed',
        objectType: 'user',
        objectId: userId,
        summary: { role: current.role, ...revoked },
      });
    });
  }

  /**
   * A member's API keys and pending invitations carry the rights they had when they made them: when
   * those rights change or end, they end too, with everything made through those keys.
   */
  private revokeWhatTheyGranted(manager: EntityManager, userId: string): Promise<Revoked> {
    return revokeGrantChain(manager, this.context.tenantId, { userId });
  }

  /**
   * Locks the target, the caller and the tenant's owners, so two concurrent demotions cannot leave
   * no owner, and owner-only checks use the caller's role as it is now, not as the request began.
   */
  private async lockMember(
    manager: EntityManager,
    userId: string,
  ): Promise<MembershipEntity & { callerIsOwner: boolean }> {
    const callerId = this.context.actor.type === 'user' ? this.context.actor.id : null;
    const rows = await manager
      .createQueryBuilder(MembershipEntity, 'm')
      .setLock('pessimistic_write')
      .where('m.tenantId = :tenantId', { tenantId: this.context.tenantId })
      .andWhere("(m.userId IN (:...ids) OR m.role = 'owner')", {
        ids: callerId ? [userId, callerId] : [userId],
      })
      .getMany();
    const member = rows.find((row) => row.userId === userId);
    if (!member) throw new MemberNotFoundError();
    // An API key acts with the role it was given; a person with their membership's current role.
    const callerRole = callerId
      ? rows.find((row) => row.userId === callerId)?.role
      : this.context.role;
    return Object.assign(member, { callerIsOwner: callerRole === 'owner' });
  }

  private async assertAnotherOwner(manager: EntityManager, userId: string): Promise<void> {
    const others = await manager
      .createQueryBuilder(MembershipEntity, 'm')
      .where("m.tenantId = :tenantId AND m.role = 'owner' AND m.userId <> :userId", {
        tenantId: this.context.tenantId,
        userId,
      })
      .getCount();
    if (others === 0) throw new LastOwnerError();
  }

  private async findMember(manager: EntityManager, userId: string): Promise<Member> {
    const [member] = await manager.query<Member[]>(
      `SELECT ${MEMBER_COLUMNS} FROM memberships m JOIN users u ON u.id = m.user_id
        WHERE m.tenant_id = $1 AND m.user_id = $2`,
      [this.context.tenantId, userId],
    );
    if (!member) throw new MemberNotFoundError();
    return member;
  }
}
