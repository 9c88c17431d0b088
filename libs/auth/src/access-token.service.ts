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
}
