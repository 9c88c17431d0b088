import { type Actor, RequestContext } from '@app/common';
import { APP_CONFIG, type AppConfig } from '@app/config';
import { type Role } from '@app/access';
import { MembersService } from '@app/identity';
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

/** How far apart our clock and the token's may be, in seconds. */
const CLOCK_SKEW_SECONDS = 30;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export interface Principal {
  readonly tenantId: string;
  readonly actor: Actor;
  readonly role: Role;
}

/**
 * Verifies the bearer token (one algorithm, issuer, audience, expiry, purpose), then loads the
 * membership it names on every request: a removed member, a changed role or a changed password
 * takes effect at once, not when the token expires.
 */
@Injectable()
export class JwtStrategy extends PassportStrategy(Strategy, 'jwt') {
  private readonly lifetimeSeconds: number;

  constructor(
    @Inject(APP_CONFIG) config: AppConfig,
    private readonly context: RequestContext,
    private readonly members: MembersService,
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
    this.lifetimeSeconds = config.auth.accessTokenTtlSeconds;
  }

  /** Returning false makes passport answer 401; the guard turns that into UNAUTHENTICATED. */
  async validate(claims: Partial<AccessTokenClaims>): Promise<Principal | false> {
    if (claims.typ !== 'access' || !Number.isInteger(claims.sv)) return false;
    if (!this.withinLifetime(claims)) return false;
    if (typeof claims.sub !== 'string' || !UUID.test(claims.sub)) return false;
    if (typeof claims.tid !== 'string' || !UUID.test(claims.tid)) return false;
    const actor: Actor = { type: 'user', id: claims.sub };
    this.context.authenticate(claims.tid, actor);
    const membership = await this.members.activeMembership();
    if (!membership || membership.sessionVersion !== claims.sv) return false;
    this.context.authenticate(claims.tid, actor, membership.role);
    return { tenantId: claims.tid, actor, role: membership.role };
  }

  /**
   * The library checks `exp` only when a token has one. We mint every token with `iat` and an
   * `exp` one lifetime later, so a token without them, issued in the future, or valid for longer
   * than a lifetime (e.g. signed with a leaked key) is not ours.
   */
  private withinLifetime(claims: Partial<AccessTokenClaims>): boolean {
    const { iat, exp } = claims;
    if (typeof iat !== 'number' || typeof exp !== 'number') return false;
    if (!Number.isInteger(iat) || !Number.isInteger(exp)) return false;
    const now = Math.floor(Date.now() / 1000);
    return (
      iat <= now + CLOCK_SKEW_SECONDS &&
      exp > iat &&
      exp - iat <= this.lifetimeSeconds + CLOCK_SKEW_SECONDS
    );
  }
}
