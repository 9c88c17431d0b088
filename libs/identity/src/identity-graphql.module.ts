import { Module } from '@nestjs/common';
import { MembersResolver } from './graphql/members.resolver.js';
import { IdentityModule } from './identity.module.js';

@Module({ imports: [IdentityModule], providers: [MembersResolver] })
export class IdentityGraphqlModule {}
