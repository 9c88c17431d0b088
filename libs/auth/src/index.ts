export { type AccessTokenClaims, TOKEN_AUDIENCE, TOKEN_ISSUER } from './access-token.js';
export { AccessTokenService } from './access-token.service.js';
export { AuthModule } from './auth.module.js';
export { JwtStrategy, type Principal } from './jwt.strategy.js';
export { IS_PUBLIC, Public } from './public.decorator.js';
