import { Module } from '@nestjs/common';
import { AuthModule } from './auth.module.js';
import { SessionResolver } from './graphql/session.resolver.js';

@Module({ imports: [AuthModule], providers: [SessionResolver] })
export class AuthGraphqlModule {}
