import { APP_CONFIG, type AppConfig } from '@app/config';
import { Inject, Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import {
  type AccessTokenClaims,
  TOKEN_ALGORITHM,
  TOKEN_AUDIENCE,
  TOKEN_ISSUER,
} from './access-token.js';

/** Mints short-lived access tokens signed with the configured key. */
@Injectable()
export class AccessTokenService {
  constructor(
    private readonly jwt: JwtService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  issue(userId: string, tenantId: string): Promise<string> {
    const claims: AccessTokenClaims = { sub: userId, tid: tenantId, typ: 'access' };
    return this.jwt.signAsync(claims, {
      secret: this.config.auth.jwtSecret,
      algorithm: TOKEN_ALGORITHM,
      issuer: TOKEN_ISSUER,
      audience: TOKEN_AUDIENCE,
      expiresIn: this.config.auth.accessTokenTtlSeconds,
    });
  }
}
