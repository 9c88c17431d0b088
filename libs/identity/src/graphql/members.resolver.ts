import { ParseUUIDPipe } from '@nestjs/common';
import { Args, ID, Mutation, Query, Resolver } from '@nestjs/graphql';
import { MembersService } from '../members/members.service.js';
import { RequirePermission } from '@app/access';
import type { Role } from '@app/access';
import { MemberObject } from './member.object.js';
import { RoleEnum } from './role.enum.js';

@Resolver(() => MemberObject)
export class MembersResolver {
  constructor(private readonly membersService: MembersService) {}

  @Query(() => [MemberObject], { description: 'The organization’s members.' })
  @RequirePermission('members:read')
  members(): Promise<MemberObject[]> {
    return this.membersService.list();
  }

  @Mutation(() => MemberObject, {
    description: 'Gives a member another role; takes effect on their next request.',
  })
  @RequirePermission('members:manage')
  changeMemberRole(
    @Args('userId', { type: () => ID }, ParseUUIDPipe) userId: string,
    @Args('role', { type: () => RoleEnum }) role: Role,
  ): Promise<MemberObject> {
    return this.membersService.changeRole(userId, role);
  }

  @Mutation(() => Boolean, {
    description: 'Removes a member; their sessions in this organization end on the next request.',
  })
  @RequirePermission('members:manage')
  async removeMember(
    @Args('userId', { type: () => ID }, ParseUUIDPipe) userId: string,
  ): Promise<boolean> {
    await this.membersService.remove(userId);
    return true;
  }
}
