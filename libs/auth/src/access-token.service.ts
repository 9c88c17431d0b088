import type { KeyObject } from 'node:crypto';
import { APP_CONFIG, type AppConfig } from '@app/config';
import { Inject, Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import {
  type AccessTokenClaims,
  TOKEN_ALGORITHM,
  TOKEN_AUDIENCE,
  TOKEN_ISSUER,
} from './access-token.js';
import { hmacSigningKey } from './signing-key.js';

/** Who a verified access token speaks for: enough to count its requests, not to authorize them. */
export interface AccessTokenBearer {
  readonly userId: string;
  readonly tenantId: string;
}

/** Mints short-lived access tokens signed with the configured key. */
@Injectable()
export class AccessTokenService {
  private readonly key: KeyObject;

  constructor(
    private readonly jwt: JwtService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    this.key = hmacSigningKey(config.auth.jwtSecret);
  }

  issue(userId: string, tenantId: string, sessionVersion: number): Promise<string> {
    const claims: AccessTokenClaims = {
      sub: userId,
      tid: tenantId,
      sv: sessionVersion,
      typ: 'access',
    };
    return this.jwt.signAsync(claims, {
      privateKey: this.key,
      algorithm: TOKEN_ALGORITHM,
      issuer: TOKEN_ISSUER,
      audience: TOKEN_AUDIENCE,
      expiresIn: this.config.auth.accessTokenTtlSeconds,
    });
  }

  /**
   * The bearer of a token signed by us, unexpired and minted for access; otherwise undefined.
   * No database work: membership and session version are the guard's (JwtStrategy) to check.
   */
  async bearerOf(token: string): Promise<AccessTokenBearer | undefined> {
    try {
      const claims = await this.jwt.verifyAsync<Partial<AccessTokenClaims>>(token, {
        secret: this.key as unknown as Buffer,
        algorithms: [TOKEN_ALGORITHM],
        issuer: TOKEN_ISSUER,
        audience: TOKEN_AUDIENCE,
      });
      if (claims.typ !== 'access' || typeof claims.exp !== 'number') return undefined;
      if (typeof claims.sub !== 'string' || typeof claims.tid !== 'string') return undefined;
      return { userId: claims.sub, tenantId: claims.tid };
    } catch {
      return undefined;
    }
  }
}
