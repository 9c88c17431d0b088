export { type AccessTokenClaims, TOKEN_AUDIENCE, TOKEN_ISSUER } from './access-token.js';
export { type AccessTokenBearer, AccessTokenService } from './access-token.service.js';
export {
  EmailTakenError,
  InvalidCredentialsError,
  InvalidRefreshTokenError,
  LoginThrottledError,
  NotAMemberError,
} from './auth.errors.js';
export { AuthModule } from './auth.module.js';
export { JwtStrategy, type Principal } from './jwt.strategy.js';
export { FAILURES_PER_ACCOUNT } from './login-throttle.js';
export {
  INVITATIONS_PER_EMAIL,
  INVITATIONS_PER_TENANT,
  SIGN_UPS_PER_EMAIL,
} from './account-throttle.js';
export { IS_PUBLIC, IS_UNMETERED, Public, Unmetered } from './public.decorator.js';
export {
  type OrganizationMembership,
  type Session,
  SessionService,
  type SignUpInput,
} from './session.service.js';
export { AuthGraphqlModule } from './auth-graphql.module.js';
export {
  AlreadyMemberError,
  InvalidInvitationError,
  InvitationNotFoundError,
  SignInToAcceptError,
} from './invitations/invitation.errors.js';
export { type CreatedInvitation, InvitationsService } from './invitations/invitations.service.js';
export {
  InvalidResetTokenError,
  PasswordResetService,
} from './password-reset/password-reset.service.js';
export {
  API_KEY_PREFIX,
  ApiKeyNotFoundError,
  ApiKeysService,
  type CreatedApiKey,
} from './api-keys/api-keys.service.js';
export { hashSecretToken, newSecretToken } from './secret-tokens.js';
export { BrowserSessionController } from './browser-session/browser-session.controller.js';
export {
  BROWSER_SESSION_HEADER,
  BROWSER_SESSION_VALUE,
  isSecureContext,
  REFRESH_COOKIE,
  REFRESH_COOKIE_PATH,
  refreshCookie,
  setRefreshCookie,
  wantsCookieSession,
} from './browser-session/refresh-cookie.js';
