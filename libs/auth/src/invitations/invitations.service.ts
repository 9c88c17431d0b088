import { randomUUID } from 'node:crypto';
import { type Role } from '@app/access';
import { AuditTrailService } from '@app/audit';
import { InvalidInputError, isPlainName, PLAIN_NAME_RULE, RequestContext } from '@app/common';
import { APP_CONFIG, type AppConfig } from '@app/config';
import { IdentityDatabase, TenantDatabase } from '@app/database';
import {
  assertAcceptablePassword,
  authorizeGrant,
  hashPassword,
  InvitationEntity,
  MembershipEntity,
  MembersService,
  normaliseEmail,
  UserEntity,
} from '@app/identity';
import { mailSafe, OutboxService } from '@app/notifications';
import { Tenant } from '@app/tenancy';
import { Inject, Injectable } from '@nestjs/common';
import { type EntityManager, IsNull } from 'typeorm';
import { KEY_CHAIN_REVOKED } from '../api-keys/key-chain.sql.js';
import { AccountThrottle } from '../account-throttle.js';
import { LoginThrottle } from '../login-throttle.js';
import { hashSecretToken, newSecretToken } from '../secret-tokens.js';
import { type Session, SessionService } from '../session.service.js';
import {
  AlreadyMemberError,
  InvalidInvitationError,
  InvitationNotFoundError,
  SignInToAcceptError,
} from './invitation.errors.js';

const INVITATION_TTL_MS = 7 * 24 * 3600 * 1000;

export interface CreatedInvitation {
  readonly invitation: InvitationEntity;
  /** Shown once to the inviter to copy; also mailed. The token is in the fragment, never logged. */
  readonly acceptUrl: string;
}

export interface Acceptance {
  readonly token: string;
  readonly password: string;
  /** Needed when the invited email has no account yet. */
  readonly displayName?: string;
}

/** Invitations by email with a role: random single-use tokens, stored hashed, expiring, revocable. */
@Injectable()
export class InvitationsService {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly db: TenantDatabase,
    private readonly identity: IdentityDatabase,
    private readonly context: RequestContext,
    private readonly members: MembersService,
    private readonly audit: AuditTrailService,
    private readonly outbox: OutboxService,
    private readonly sessions: SessionService,
    private readonly throttle: LoginThrottle,
    private readonly accountThrottle: AccountThrottle,
  ) {}

  async invite(emailInput: string, role: Role): Promise<CreatedInvitation> {
    const { email, key } = normaliseEmail(emailInput);
    await this.accountThrottle.invite(this.context.tenantId, key);
    const token = newSecretToken();
    const acceptUrl = `${this.config.publicUrl}/invitations/accept#token=${token}`;
    const now = new Date();
    return this.db.transaction(async (manager) => {
      // Checked as things stand now: an invitation never outranks, nor outlives, its sender.
      const grantor = await authorizeGrant(
        manager,
        this.context.tenantId,
        this.context.actor,
        role,
      );
      const tenant = await manager.findOneByOrFail(Tenant, { id: this.context.tenantId });
      const organization = mailSafe(tenant.name);
      const invitation = manager.create(InvitationEntity, {
        tenantId: tenant.id,
        id: randomUUID(),
        email,
        emailKey: key,
        role,
        tokenHash: hashSecretToken(token),
        invitedBy: grantor.userId,
        invitedByKeyId: grantor.keyId,
        createdAt: now,
        expiresAt: new Date(now.getTime() + INVITATION_TTL_MS),
      });
      await manager.insert(InvitationEntity, invitation);
      await this.outbox.enqueue({
        kind: 'invitation',
        to: email,
        subject: `You are invited to ${organization} on Cascade`,
        text: [
          `You have been invited to join ${organization} on Cascade as ${role.replace('_', ' ')}.`,
          '',
          `Accept the invitation: ${acceptUrl}`,
          '',
          `The link works once and expires on ${invitation.expiresAt.toUTCString()}.`,
          'If you did not expect it, ignore this mail.',
        ].join('\n'),
      });
      await this.audit.record({
        action: 'invitation.created',
        objectType: 'invitation',
        objectId: invitation.id,
        summary: { email, role },
      });
      return { invitation, acceptUrl };
    });
  }

  /** Pending invitations, newest first. */
  pending(): Promise<InvitationEntity[]> {
    return this.db.transaction((manager) =>
      manager.find(InvitationEntity, {
        where: { tenantId: this.context.tenantId, acceptedAt: IsNull(), revokedAt: IsNull() },
        order: { createdAt: 'DESC' },
      }),
    );
  }

  revoke(invitationId: string): Promise<void> {
    return this.db.transaction(async (manager) => {
      const result = await manager.update(
        InvitationEntity,
        {
          tenantId: this.context.tenantId,
          id: invitationId,
          acceptedAt: IsNull(),
          revokedAt: IsNull(),
        },
        { revokedAt: new Date() },
      );
      if (result.affected !== 1) throw new InvitationNotFoundError();
      await this.audit.record({
        action: 'invitation.revoked',
        objectType: 'invitation',
        objectId: invitationId,
      });
    });
  }

  /**
   * Accepts an invitation by creating the invited person's account, adding the membership with the
   * role the invitation names, and signing in there. An email that already has an account must
   * sign in and use `acceptAsMember`: no password is ever checked here, so a token holder cannot
   * use this to guess anyone's password.
   */
  async accept(input: Acceptance): Promise<Session> {
    const invitation = await this.findUsable(input.token);
    const existing = await this.identity.transaction(null, (manager) =>
      manager.existsBy(UserEntity, { emailKey: invitation.emailKey }),
    );
    if (existing) throw new SignInToAcceptError();
    const userId = randomUUID();
    const newUser = await this.newUser(userId, invitation, input);
    await this.join(invitation, userId, newUser);
    return this.sessions.openSession(userId, invitation.tenantId, invitation.role, 1);
  }

  /** Accepts an invitation addressed to the signed-in person's own email. */
  async acceptAsMember(token: string): Promise<Session> {
    const invitation = await this.findUsable(token);
    const userId = this.context.actor.id;
    const user = await this.identity.transaction(userId, (manager) =>
      manager.findOne(UserEntity, {
        where: { id: userId },
        select: { id: true, emailKey: true, sessionVersion: true },
      }),
    );
    // Someone else's invitation gets the same answer as an unknown one.
    if (!user || user.emailKey !== invitation.emailKey) throw new InvalidInvitationError();
    await this.join(invitation, userId);
    return this.sessions.openSession(
      userId,
      invitation.tenantId,
      invitation.role,
      user.sessionVersion,
    );
  }

  /** A pending invitation by its token; throttled per address, one answer for every failure. */
  private async findUsable(token: string): Promise<InvitationEntity> {
    const address = this.context.clientIp;
    const throttleKey = `invitation:${address ?? 'unknown'}`;
    await this.throttle.attempt(throttleKey, address);
    const found = await this.identity.transaction(null, async (manager) => {
      const invitation = await manager.findOneBy(InvitationEntity, {
        tokenHash: hashSecretToken(token),
      });
      return invitation && !(await this.senderKeyRevoked(manager, invitation)) ? invitation : null;
    });
    if (!found || found.acceptedAt || found.revokedAt || found.expiresAt.getTime() <= Date.now()) {
      throw new InvalidInvitationError();
    }
    await this.throttle.succeeded(throttleKey, address);
    return found;
  }

  /**
   * Whether the invitation was sent with a key that is, or was made by a key that is, revoked:
   * then the invitation is dead too, even if a revocation missed it. Invitations sent before
   * `invited_by_key_id` existed name the key in `invited_by`.
   */
  private async senderKeyRevoked(
    manager: EntityManager,
    invitation: InvitationEntity,
  ): Promise<boolean> {
    const [row] = await manager.query<{ revoked: boolean }[]>(KEY_CHAIN_REVOKED, [
      invitation.tenantId,
      invitation.invitedByKeyId ?? invitation.invitedBy,
    ]);
    return row?.revoked === true;
  }

  /** In the inviting organization: the account (if new), the claim and the membership, together. */
  private join(
    invitation: InvitationEntity,
    userId: string,
    newUser?: Partial<UserEntity>,
  ): Promise<void> {
    return this.context.run(
      { tenantId: invitation.tenantId, actor: { type: 'user', id: userId } },
      () =>
        this.db.transaction(async (manager) => {
          if (newUser) await manager.insert(UserEntity, newUser);
          else if (
            await manager.existsBy(MembershipEntity, { tenantId: invitation.tenantId, userId })
          ) {
            throw new AlreadyMemberError();
          }
          // Conditional: of two concurrent acceptances, exactly one wins.
          const claimed = await manager.update(
            InvitationEntity,
            {
              tenantId: invitation.tenantId,
              id: invitation.id,
              acceptedAt: IsNull(),
              revokedAt: IsNull(),
            },
            { acceptedAt: new Date(), acceptedBy: userId },
          );
          if (claimed.affected !== 1) throw new InvalidInvitationError();
          await this.members.add(userId, invitation.role);
          await this.audit.record({
            action: 'invitation.accepted',
            objectType: 'invitation',
            objectId: invitation.id,
            summary: { role: invitation.role, newAccount: Boolean(newUser) },
          });
        }),
    );
  }

  private async newUser(userId: string, invitation: InvitationEntity, input: Acceptance) {
    const displayName = input.displayName?.normalize('NFC').trim();
    if (!displayName) {
      throw new InvalidInputError(
        'DISPLAY_NAME_REQUIRED',
        'Enter your name to create your account.',
      );
    }
    if ([...displayName].length > 200 || !displayName.isWellFormed() || !isPlainName(displayName)) {
      throw new InvalidInputError(
        'DISPLAY_NAME_INVALID',
        `Enter a name of 1 to 200 characters: ${PLAIN_NAME_RULE}.`,
      );
    }
    assertAcceptablePassword(input.password);
    return {
      id: userId,
      email: invitation.email,
      emailKey: invitation.emailKey,
      displayName,
      passwordHash: await hashPassword(input.password),
    };
  }
}
