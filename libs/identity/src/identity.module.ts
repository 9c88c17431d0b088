import { AuditModule } from '@app/audit';
import { Module } from '@nestjs/common';
import { MembersService } from './members/members.service.js';

@Module({
  imports: [AuditModule],
  providers: [MembersService],
  exports: [MembersService],
})
export class IdentityModule {}
