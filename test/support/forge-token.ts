import { randomUUID } from 'node:crypto';
import { TOKEN_AUDIENCE, TOKEN_ISSUER } from '@app/auth';
import { TEST_JWT_SECRET } from '@app/testing';
import { JwtService } from '@nestjs/jwt';

const jwt = new JwtService();

/** Signs arbitrary claims, for tests that check which tokens the API refuses. */
export function signToken(
  claims: Record<string, unknown>,
  options: {
    secret?: string;
    issuer?: string;
    audience?: string;
    /** Seconds after `iat`; null for a token without `exp`. */
    expiresIn?: number | null;
    /** Leaves `iat` out. */
    noTimestamp?: boolean;
  } = {},
): string {
  const expiresIn = options.expiresIn === undefined ? 300 : options.expiresIn;
  return jwt.sign(claims, {
    secret: options.secret ?? TEST_JWT_SECRET,
    algorithm: 'HS256',
    issuer: options.issuer ?? TOKEN_ISSUER,
    audience: options.audience ?? TOKEN_AUDIENCE,
    noTimestamp: options.noTimestamp ?? false,
    ...(expiresIn === null ? {} : { expiresIn }),
  });
}

/** An unsigned token (`alg: none`) with otherwise valid claims. */
export function unsignedToken(claims: Record<string, unknown>): string {
  const encode = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
  const now = Math.floor(Date.now() / 1000);
  return `${encode({ alg: 'none', typ: 'JWT' })}.${encode({
    iss: TOKEN_ISSUER,
    aud: TOKEN_AUDIENCE,
    iat: now,
    exp: now + 300,
    ...claims,
  })}.`;
}

export const someUserId = (): string => randomUUID();
