import { Module } from '@nestjs/common';
import { AuthModule } from './auth.module.js';
import { ApiKeysResolver } from './graphql/api-keys.resolver.js';
import { InvitationsResolver } from './graphql/invitations.resolver.js';
import { SessionResolver } from './graphql/session.resolver.js';

@Module({
  imports: [AuthModule],
  providers: [SessionResolver, InvitationsResolver, ApiKeysResolver],
})
export class AuthGraphqlModule {}
