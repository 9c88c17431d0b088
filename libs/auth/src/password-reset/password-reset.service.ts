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
import { type EntityManager, IsNull } from 'typeorm';
import { LoginThrottle } from '../login-throttle.js';
import { hashSecretToken, newSecretToken } from '../secret-tokens.js';
import { SessionService } from '../session.service.js';

const RESET_TTL_MS = 60 * 60 * 1000;
/** Rolled back for unknown addresses; see `request`. */
const REHEARSAL = 'password_reset_rehearsal';
const NO_USER = '00000000-0000-0000-0000-000000000000';

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
   * Mails a reset link if the account exists. The answer is the same either way, and so is the
   * work: for an unknown address the same rows are written and then rolled back, so the time taken
   * cannot tell who has an account either.
   */
  async request(emailInput: string): Promise<void> {
    const { email, key } = normaliseEmail(emailInput);
    const address = this.context.clientIp;
    // Every request counts, success or not: it sends mail.
    await this.throttle.attempt(`reset:${key}`, address);
    await this.identity.transaction(null, async (manager) => {
      const user = await manager.findOne(UserEntity, {
        where: { emailKey: key, disabledAt: IsNull() },
        select: { id: true, email: true },
      });
      await manager.query(`SAVEPOINT ${REHEARSAL}`);
      await this.writeReset(manager, user?.id ?? null, user?.email ?? email);
      await manager.query(
        user ? `RELEASE SAVEPOINT ${REHEARSAL}` : `ROLLBACK TO SAVEPOINT ${REHEARSAL}`,
      );
    });
  }

  /** The reset row (none without an account: no row matches) and the mail with its link. */
  private async writeReset(manager: EntityManager, userId: string | null, to: string) {
    const token = newSecretToken();
    const now = new Date();
    // One statement either way; it inserts nothing when there is no such user.
    await manager.query(
      `INSERT INTO password_resets (id, user_id, token_hash, created_at, expires_at)
       SELECT $1, u.id, $3, $4, $5 FROM users u WHERE u.id = $2`,
      [
        randomUUID(),
        userId ?? NO_USER,
        hashSecretToken(token),
        now,
        new Date(now.getTime() + RESET_TTL_MS),
      ],
    );
    const url = `${this.config.publicUrl}/password-reset#token=${token}`;
    await this.outbox.enqueueForPerson(manager, {
      kind: 'password_reset',
      to,
      subject: 'Reset your Cascade password',
      text: [
        'Someone asked to reset the password of your Cascade account.',
        '',
        `Choose a new password: ${url}`,
        '',
        'The link works once, for one hour. If it was not you, ignore this mail.',
      ].join('\n'),
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
