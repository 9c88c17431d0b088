import { Module } from '@nestjs/common';
import { AuthModule } from './auth.module.js';
import { BrowserSessionController } from './browser-session/browser-session.controller.js';
import { ApiKeysResolver } from './graphql/api-keys.resolver.js';
import { InvitationsResolver } from './graphql/invitations.resolver.js';
import { SessionResolver } from './graphql/session.resolver.js';

@Module({
  imports: [AuthModule],
  providers: [SessionResolver, InvitationsResolver, ApiKeysResolver],
  controllers: [BrowserSessionController],
})
export class AuthGraphqlModule {}
