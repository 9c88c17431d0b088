import { AuditModule } from '@app/audit';
import { IdentityModule } from '@app/identity';
import { NotificationsModule } from '@app/notifications';
import { TenancyModule } from '@app/tenancy';
import { Module } from '@nestjs/common';
import { JwtModule } from '@nestjs/jwt';
import { PassportModule } from '@nestjs/passport';
import { AccessTokenService } from './access-token.service.js';
import { AccountThrottle } from './account-throttle.js';
import { ApiKeysService } from './api-keys/api-keys.service.js';
import { InvitationsService } from './invitations/invitations.service.js';
import { JwtStrategy } from './jwt.strategy.js';
import { PasswordResetService } from './password-reset/password-reset.service.js';
import { LoginThrottle } from './login-throttle.js';
import { SessionService } from './session.service.js';

@Module({
  imports: [
    PassportModule,
    JwtModule.register({}),
    TenancyModule,
    IdentityModule,
    AuditModule,
    NotificationsModule,
  ],
  providers: [
    AccessTokenService,
    JwtStrategy,
    LoginThrottle,
    AccountThrottle,
    SessionService,
    InvitationsService,
    PasswordResetService,
    ApiKeysService,
  ],
  exports: [
    AccessTokenService,
    SessionService,
    InvitationsService,
    PasswordResetService,
    ApiKeysService,
  ],
})
export class AuthModule {}
