import { randomUUID } from 'node:crypto';
import { AuditTrailService } from '@app/audit';
import { RequestContext, UnauthenticatedError } from '@app/common';
import { APP_CONFIG, type AppConfig } from '@app/config';
import { IdentityDatabase } from '@app/database';
import {
  assertAcceptablePassword,
  hashPassword,
  normaliseEmail,
  PasswordResetEntity,
  RefreshTokenEntity,
  UserEntity,
} from '@app/identity';
import { OutboxService } from '@app/notifications';
import { Inject, Injectable } from '@nestjs/common';
import { IsNull } from 'typeorm';
import { LoginThrottle } from '../login-throttle.js';
import { hashSecretToken, newSecretToken } from '../secret-tokens.js';
import { SessionService } from '../session.service.js';

const RESET_TTL_MS = 60 * 60 * 1000;

export class InvalidResetTokenError extends UnauthenticatedError {
  constructor() {
    super('RESET_TOKEN_INVALID', 'This reset link is not valid any more; ask for a new one.');
  }
}

/** Password reset by an emailed, single-use link valid for an hour. */
@Injectable()
export class PasswordResetService {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly identity: IdentityDatabase,
    private readonly context: RequestContext,
    private readonly outbox: OutboxService,
    private readonly throttle: LoginThrottle,
    private readonly sessions: SessionService,
    private readonly audit: AuditTrailService,
  ) {}

  /**
   * Mails a reset link if the account exists. The answer is the same either way, so the form
   * cannot be used to learn who has an account.
   */
  async request(emailInput: string): Promise<void> {
    const { key } = normaliseEmail(emailInput);
    const address = this.context.clientIp;
    // Every request counts, success or not: it sends mail.
    await this.throttle.attempt(`reset:${key}`, address);
    await this.identity.transaction(null, async (manager) => {
      const user = await manager.findOne(UserEntity, {
        where: { emailKey: key, disabledAt: IsNull() },
        select: { id: true, email: true },
      });
      if (!user) return;
      const token = newSecretToken();
      const now = new Date();
      await manager.insert(PasswordResetEntity, {
        id: randomUUID(),
        userId: user.id,
        tokenHash: hashSecretToken(token),
        createdAt: now,
        expiresAt: new Date(now.getTime() + RESET_TTL_MS),
      });
      const url = `${this.config.publicUrl}/password-reset#token=${token}`;
      await this.outbox.enqueueForPerson(manager, {
        kind: 'password_reset',
        to: user.email,
        subject: 'Reset your Cascade password',
        text: [
          'Someone asked to reset the password of your Cascade account.',
          '',
          `Choose a new password: ${url}`,
          '',
          'The link works once, for one hour. If it was not you, ignore this mail.',
        ].join('\n'),
      });
    });
  }

  /** Sets a new password with a reset token, and ends every session of the account. */
  async reset(token: string, newPassword: string): Promise<void> {
    assertAcceptablePassword(newPassword);
    const passwordHash = await hashPassword(newPassword);
    const userId = await this.identity.transaction(null, async (manager) => {
      const claimed = await manager
        .createQueryBuilder()
        .update(PasswordResetEntity)
        .set({ usedAt: () => 'now()' })
        .where('token_hash = :hash AND used_at IS NULL AND expires_at > now()', {
          hash: hashSecretToken(token),
        })
        .returning(['userId'])
        .execute();
      const row = (claimed.raw as { user_id: string }[])[0];
      if (!row) return undefined;
      await manager.update(
        UserEntity,
        { id: row.user_id },
        {
          passwordHash,
          sessionVersion: () => 'session_version + 1',
        },
      );
      await manager.update(
        RefreshTokenEntity,
        { userId: row.user_id, revokedAt: IsNull() },
        {
          revokedAt: new Date(),
        },
      );
      return row.user_id;
    });
    if (!userId) throw new InvalidResetTokenError();
    for (const membership of await this.sessions.organizationsOf(userId)) {
      await this.context.run(
        { tenantId: membership.tenantId, actor: { type: 'user', id: userId } },
        () =>
          this.audit.record({
            action: 'auth.password_reset',
            objectType: 'user',
            objectId: userId,
          }),
      );
    }
  }
}
