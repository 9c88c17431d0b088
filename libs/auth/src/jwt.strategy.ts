import { type Actor, RequestContext } from '@app/common';
import { APP_CONFIG, type AppConfig } from '@app/config';
import { TenantsService } from '@app/tenancy';
import { Inject, Injectable } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import { ExtractJwt, Strategy } from 'passport-jwt';
import {
  type AccessTokenClaims,
  TOKEN_ALGORITHM,
  TOKEN_AUDIENCE,
  TOKEN_ISSUER,
} from './access-token.js';
import { hmacSigningKey } from './signing-key.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export interface Principal {
  readonly tenantId: string;
  readonly actor: Actor;
}

/**
 * Verifies the bearer token (one algorithm, issuer, audience, expiry, purpose), then binds its
 * tenant to the request context and checks, on every request, that the tenant still exists.
 */
@Injectable()
export class JwtStrategy extends PassportStrategy(Strategy, 'jwt') {
  constructor(
    @Inject(APP_CONFIG) config: AppConfig,
    private readonly context: RequestContext,
    private readonly tenants: TenantsService,
  ) {
    super({
      jwtFromRequest: ExtractJwt.fromAuthHeaderAsBearerToken(),
      // A KeyObject (see hmacSigningKey); jsonwebtoken accepts it, passport-jwt's types predate it.
      secretOrKey: hmacSigningKey(config.auth.jwtSecret) as unknown as Buffer,
      algorithms: [TOKEN_ALGORITHM],
      issuer: TOKEN_ISSUER,
      audience: TOKEN_AUDIENCE,
      ignoreExpiration: false,
    });
  }

  /** Returning false makes passport answer 401; the guard turns that into UNAUTHENTICATED. */
  async validate(claims: Partial<AccessTokenClaims>): Promise<Principal | false> {
    if (claims.typ !== 'access' || typeof claims.sub !== 'string' || claims.sub.length === 0) {
      return false;
    }
    if (typeof claims.tid !== 'string' || !UUID.test(claims.tid)) return false;
    const principal: Principal = { tenantId: claims.tid, actor: { type: 'user', id: claims.sub } };
    this.context.authenticate(principal.tenantId, principal.actor);
    const exists = await this.tenants.exists();
    return exists ? principal : false;
  }
}
