import { randomUUID } from 'node:crypto';
import { AuditTrailService } from '@app/audit';
import { InvalidInputError, isPlainName, PLAIN_NAME_RULE, RequestContext } from '@app/common';
import { APP_CONFIG, type AppConfig } from '@app/config';
import { IdentityDatabase, TenantDatabase, USER_SETTING } from '@app/database';
import { isRole, type Role } from '@app/access';
import {
  assertAcceptablePassword,
  hashPassword,
  MembersService,
  needsRehash,
  normaliseEmail,
  RefreshTokenEntity,
  UserEntity,
  verifyNoAccount,
  verifyPassword,
} from '@app/identity';
import { type TenantCapabilities, TenantsService } from '@app/tenancy';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { type EntityManager, QueryFailedError } from 'typeorm';
import { AccessTokenService } from './access-token.service.js';
import {
  EmailTakenError,
  InvalidCredentialsError,
  InvalidRefreshTokenError,
  NotAMemberError,
} from './auth.errors.js';
import { AccountThrottle } from './account-throttle.js';
import { LoginThrottle } from './login-throttle.js';
import { type RefreshTokenGrant, storeRefreshToken } from './refresh-tokens.js';
import { hashSecretToken } from './secret-tokens.js';

export interface SignUpInput {
  readonly email: string;
  readonly password: string;
  readonly displayName: string;
  readonly organizationName: string;
  readonly capabilities?: TenantCapabilities;
}

export interface Session {
  readonly accessToken: string;
  readonly refreshToken: string;
  readonly expiresInSeconds: number;
  readonly userId: string;
  readonly tenantId: string;
  readonly role: Role;
}

export interface OrganizationMembership {
  readonly tenantId: string;
  readonly name: string;
  readonly role: Role;
}

interface StoredUser {
  id: string;
  passwordHash: string;
  sessionVersion: number;
  disabledAt: Date | null;
}

const UNIQUE_VIOLATION = '23505';

function normaliseDisplayName(name: string): string {
  const trimmed = name.normalize('NFC').trim();
  if (!trimmed || !isPlainName(trimmed) || !trimmed.isWellFormed() || [...trimmed].length > 200) {
    throw new InvalidInputError(
      'DISPLAY_NAME_INVALID',
      `Enter a name of 1 to 200 characters: ${PLAIN_NAME_RULE}.`,
    );
  }
  return trimmed;
}

/**
 * Sign-up, sign-in and sessions. Access tokens are short-lived JWTs naming one organization;
 * refresh tokens are opaque, stored hashed, rotated on every use, and a reused one ends its
 * whole session family.
 */
@Injectable()
export class SessionService {
  private readonly logger = new Logger('Sessions');

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly identity: IdentityDatabase,
    private readonly db: TenantDatabase,
    private readonly context: RequestContext,
    private readonly tenants: TenantsService,
    private readonly members: MembersService,
    private readonly audit: AuditTrailService,
    private readonly tokens: AccessTokenService,
    private readonly throttle: LoginThrottle,
    private readonly accountThrottle: AccountThrottle,
  ) {}

  /** Creates a person, their organization and their owner membership, in one transaction. */
  async signUp(input: SignUpInput): Promise<Session> {
    const { email, key } = normaliseEmail(input.email);
    await this.accountThrottle.signUp(key, this.context.clientIp);
    const displayName = normaliseDisplayName(input.displayName);
    assertAcceptablePassword(input.password);
    const passwordHash = await hashPassword(input.password);
    const userId = randomUUID();
    const tenantId = randomUUID();
    const actor = { type: 'user' as const, id: userId };
    try {
      await this.context.run({ tenantId, actor }, () =>
        this.db.transaction(async (manager) => {
          await manager.insert(UserEntity, {
            id: userId,
            email,
            emailKey: key,
            displayName,
            passwordHash,
          });
          await this.tenants.create(tenantId, input.organizationName, input.capabilities);
          await this.members.add(userId, 'owner');
          await this.audit.record({
            action: 'auth.signed_up',
            objectType: 'user',
            objectId: userId,
          });
        }),
      );
    } catch (error) {
      if (
        error instanceof QueryFailedError &&
        (error.driverError as { code?: string }).code === UNIQUE_VIOLATION
      ) {
        throw new EmailTakenError();
      }
      throw error;
    }
    return this.openSession(userId, tenantId, 'owner', 1);
  }

  /**
   * Signs in to `organizationId`, or to the person's first organization. Unknown accounts, wrong
   * passwords and disabled accounts get the same answer in about the same time.
   */
  async login(emailInput: string, password: string, organizationId?: string): Promise<Session> {
    const { key } = normaliseEmail(emailInput);
    const address = this.context.clientIp;
    await this.throttle.attempt(key, address);
    const user = await this.identity.transaction(null, (manager) =>
      manager.findOne(UserEntity, {
        where: { emailKey: key },
        select: { id: true, passwordHash: true, sessionVersion: true, disabledAt: true },
      }),
    );
    const valid = user
      ? await verifyPassword(user.passwordHash, password)
      : await verifyNoAccount(password);
    if (!user || !valid || user.disabledAt) {
      // Audited after the answer, so an existing account costs no more time than a missing one.
      if (user) this.recordFailedSignInLater(user.id);
      throw new InvalidCredentialsError();
    }
    await this.throttle.succeeded(key, address);
    if (needsRehash(user.passwordHash)) await this.rehash(user, password);
    const memberships = await this.organizationsOf(user.id);
    const chosen = organizationId
      ? memberships.find((m) => m.tenantId === organizationId)
      : memberships[0];
    if (!chosen) throw new NotAMemberError();
    await this.context.run(
      { tenantId: chosen.tenantId, actor: { type: 'user', id: user.id } },
      () => this.audit.record({ action: 'auth.signed_in', objectType: 'user', objectId: user.id }),
    );
    return this.openSession(user.id, chosen.tenantId, chosen.role, user.sessionVersion);
  }

  /** Spends a refresh token and returns the next one; a spent token ends the whole session. */
  async refresh(refreshToken: string): Promise<Session> {
    const outcome = await this.identity.transaction(null, async (manager) => {
      const stored = await manager
        .createQueryBuilder(RefreshTokenEntity, 't')
        .setLock('pessimistic_write')
        .where('t.tokenHash = :hash', { hash: hashSecretToken(refreshToken) })
        .getOne();
      if (!stored || stored.revokedAt) return undefined;
      // From here on the identity role may see this person's memberships, and only theirs.
      await manager.query(`SELECT set_config($1, $2, true)`, [USER_SETTING, stored.userId]);
      if (stored.usedAt) {
        await this.revokeFamily(manager, stored.familyId);
        this.logger.warn(`refresh token reused; session family ${stored.familyId} revoked`);
        return undefined;
      }
      if (stored.expiresAt.getTime() <= Date.now()) return undefined;
      const user = await this.liveUser(manager, stored.userId);
      const role = user && (await this.roleIn(manager, stored.tenantId));
      if (!user || !role) {
        await this.revokeFamily(manager, stored.familyId);
        return undefined;
      }
      await manager.update(RefreshTokenEntity, { id: stored.id }, { usedAt: new Date() });
      const next = await this.storeToken(manager, {
        userId: stored.userId,
        tenantId: stored.tenantId,
        familyId: stored.familyId,
        familyExpiresAt: stored.familyExpiresAt,
      });
      return { next, user, role, tenantId: stored.tenantId };
    });
    if (!outcome) throw new InvalidRefreshTokenError();
    const { next, user, role, tenantId } = outcome;
    return this.session(user.id, tenantId, role, user.sessionVersion, next);
  }

  /** Ends the session the refresh token belongs to. Unknown tokens are ignored. */
  async logout(refreshToken: string): Promise<void> {
    await this.identity.transaction(null, async (manager) => {
      const stored = await manager.findOneBy(RefreshTokenEntity, {
        tokenHash: hashSecretToken(refreshToken),
      });
      if (stored) await this.revokeFamily(manager, stored.familyId);
    });
  }

  /** A new session in another organization the caller belongs to. */
  async switchOrganization(organizationId: string): Promise<Session> {
    const userId = this.context.actor.id;
    const target = (await this.organizationsOf(userId)).find((m) => m.tenantId === organizationId);
    if (!target) throw new NotAMemberError();
    const user = await this.identity.transaction(userId, (manager) =>
      this.liveUser(manager, userId),
    );
    if (!user) throw new InvalidCredentialsError();
    return this.openSession(userId, target.tenantId, target.role, user.sessionVersion);
  }

  /** Changes the caller's password and ends every other session they have. */
  async changePassword(currentPassword: string, newPassword: string): Promise<Session> {
    const userId = this.context.actor.id;
    // A stolen access token must not become unlimited guesses at the current password.
    const throttleKey = `password:${userId}`;
    await this.throttle.attempt(throttleKey, this.context.clientIp);
    const user = await this.identity.transaction(userId, (manager) =>
      manager.findOne(UserEntity, {
        where: { id: userId },
        select: { id: true, passwordHash: true, sessionVersion: true, disabledAt: true },
      }),
    );
    if (!user || !(await verifyPassword(user.passwordHash, currentPassword))) {
      throw new InvalidCredentialsError();
    }
    await this.throttle.succeeded(throttleKey, this.context.clientIp);
    assertAcceptablePassword(newPassword);
    const passwordHash = await hashPassword(newPassword);
    const sessionVersion = await this.identity.transaction(userId, async (manager) => {
      // Incremented in SQL, so a concurrent reset cannot be lost.
      // TypeORM answers an UPDATE with [rows, affected count].
      const [rows] = await manager.query<[{ session_version: number }[], number]>(
        `UPDATE users SET password_hash = $2, session_version = session_version + 1
          WHERE id = $1 RETURNING session_version`,
        [userId, passwordHash],
      );
      await manager
        .createQueryBuilder()
        .update(RefreshTokenEntity)
        .set({ revokedAt: () => 'now()' })
        .where('user_id = :userId AND revoked_at IS NULL', { userId })
        .execute();
      return rows[0].session_version;
    });
    await this.audit.record({
      action: 'auth.password_changed',
      objectType: 'user',
      objectId: userId,
    });
    const role = this.context.role;
    if (!isRole(role)) throw new InvalidCredentialsError();
    return this.openSession(userId, this.context.tenantId, role, sessionVersion);
  }

  /** The person's own profile. */
  profileOf(userId: string): Promise<{ email: string; displayName: string }> {
    return this.identity.transaction(userId, (manager) =>
      manager.findOneOrFail(UserEntity, {
        where: { id: userId },
        select: { id: true, email: true, displayName: true },
      }),
    );
  }

  /** The organizations a person belongs to, by name. */
  organizationsOf(userId: string): Promise<OrganizationMembership[]> {
    return this.identity.transaction(userId, async (manager) => {
      const rows = await manager.query<{ tenantId: string; name: string; role: string }[]>(
        `SELECT m.tenant_id AS "tenantId", t.name, m.role
           FROM memberships m JOIN tenants t ON t.id = m.tenant_id
          WHERE m.user_id = $1 ORDER BY t.name, t.id`,
        [userId],
      );
      return rows.flatMap((row) => (isRole(row.role) ? [{ ...row, role: row.role }] : []));
    });
  }

  /** Opens a new session family (sign-up, sign-in, switch, an accepted invitation). */
  async openSession(
    userId: string,
    tenantId: string,
    role: Role,
    sessionVersion: number,
  ): Promise<Session> {
    const refreshToken = await this.identity.transaction(userId, (manager) =>
      this.storeToken(manager, { userId, tenantId }),
    );
    return this.session(userId, tenantId, role, sessionVersion, refreshToken);
  }

  private async session(
    userId: string,
    tenantId: string,
    role: Role,
    sessionVersion: number,
    refreshToken: string,
  ): Promise<Session> {
    const accessToken = await this.tokens.issue(userId, tenantId, sessionVersion);
    return {
      accessToken,
      refreshToken,
      expiresInSeconds: this.config.auth.accessTokenTtlSeconds,
      userId,
      tenantId,
      role,
    };
  }

  private storeToken(manager: EntityManager, grant: RefreshTokenGrant): Promise<string> {
    return storeRefreshToken(manager, grant, {
      tokenSeconds: this.config.auth.refreshTokenTtlSeconds,
      sessionSeconds: this.config.auth.sessionLifetimeSeconds,
    });
  }

  private async revokeFamily(manager: EntityManager, familyId: string): Promise<void> {
    await manager
      .createQueryBuilder()
      .update(RefreshTokenEntity)
      .set({ revokedAt: () => 'now()' })
      .where('family_id = :familyId AND revoked_at IS NULL', { familyId })
      .execute();
  }

  private async liveUser(manager: EntityManager, userId: string): Promise<StoredUser | undefined> {
    const user = await manager.findOne(UserEntity, {
      where: { id: userId },
      select: { id: true, passwordHash: true, sessionVersion: true, disabledAt: true },
    });
    return user && !user.disabledAt ? user : undefined;
  }

  /** Runs in an identity transaction whose user is the token's: memberships are theirs only. */
  private async roleIn(manager: EntityManager, tenantId: string): Promise<Role | undefined> {
    const [row] = await manager.query<{ role: string }[]>(
      `SELECT role FROM memberships WHERE tenant_id = $1`,
      [tenantId],
    );
    return row && isRole(row.role) ? row.role : undefined;
  }

  private async rehash(user: StoredUser, password: string): Promise<void> {
    const passwordHash = await hashPassword(password);
    await this.identity.transaction(user.id, (manager) =>
      manager.update(UserEntity, { id: user.id }, { passwordHash }),
    );
  }

  private recordFailedSignInLater(userId: string): void {
    setImmediate(() => {
      this.context
        .run({}, () => this.recordFailedSignIn(userId))
        .catch((error: unknown) => this.logger.error(error, 'could not audit a failed sign-in'));
    });
  }

  /** The failure goes into the audit trail of every organization the account belongs to. */
  private async recordFailedSignIn(userId: string): Promise<void> {
    for (const membership of await this.organizationsOf(userId)) {
      await this.context.run(
        { tenantId: membership.tenantId, actor: { type: 'user', id: userId } },
        () =>
          this.audit.record({
            action: 'auth.sign_in_failed',
            objectType: 'user',
            objectId: userId,
          }),
      );
    }
  }
}
