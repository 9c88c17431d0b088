import { APP_CONFIG, type AppConfig } from '@app/config';
import { RateLimits } from '@app/database';
import { Inject, Injectable } from '@nestjs/common';
import { InvitationsThrottledError, SignUpThrottledError } from './auth.errors.js';

const HOUR = 3_600;
/** Sign-ups for one email per hour (each after the first answers EMAIL_TAKEN). */
export const SIGN_UPS_PER_EMAIL = 5;
/** Invitations to one email from all organizations, and from one organization, per hour. */
export const INVITATIONS_PER_EMAIL = 5;
export const INVITATIONS_PER_TENANT = 100;

/**
 * Throttles the operations that send mail or answer whether an email has an account, so neither
 * can be used in bulk: enumerating accounts through EMAIL_TAKEN, or mailing someone's inbox full
 * of invitations. Counted in the database, shared by every API process.
 */
@Injectable()
export class AccountThrottle {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly limits: RateLimits,
  ) {}

  async signUp(emailKey: string, address: string | undefined): Promise<void> {
    const refusal = await this.limits.consume([
      { key: `sign-up:${emailKey}`, limit: SIGN_UPS_PER_EMAIL, windowSeconds: HOUR },
      ...(address
        ? [
            {
              key: `sign-up-address:${address}`,
              limit: this.config.rateLimits.signUpsPerAddressPerHour,
              windowSeconds: HOUR,
            },
          ]
        : []),
    ]);
    if (refusal) throw new SignUpThrottledError(refusal.retryAfterSeconds);
  }

  async invite(tenantId: string, emailKey: string): Promise<void> {
    const refusal = await this.limits.consume([
      { key: `invite:${emailKey}`, limit: INVITATIONS_PER_EMAIL, windowSeconds: HOUR },
      { key: `invite-tenant:${tenantId}`, limit: INVITATIONS_PER_TENANT, windowSeconds: HOUR },
    ]);
    if (refusal) throw new InvitationsThrottledError(refusal.retryAfterSeconds);
  }
}
