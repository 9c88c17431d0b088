import { TenancyModule } from '@app/tenancy';
import { Module } from '@nestjs/common';
import { JwtModule } from '@nestjs/jwt';
import { PassportModule } from '@nestjs/passport';
import { AccessTokenService } from './access-token.service.js';
import { JwtStrategy } from './jwt.strategy.js';

@Module({
  imports: [PassportModule, JwtModule.register({}), TenancyModule],
  providers: [AccessTokenService, JwtStrategy],
  exports: [AccessTokenService],
})
export class AuthModule {}
