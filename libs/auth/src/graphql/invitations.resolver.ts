import { RequirePermission, type Role } from '@app/access';
import { RoleEnum } from '@app/identity';
import { ParseUUIDPipe } from '@nestjs/common';
import { Args, ArgsType, Field, ID, InputType, Mutation, Query, Resolver } from '@nestjs/graphql';
import { IsOptional, IsString, MaxLength } from 'class-validator';
import { InvitationsService } from '../invitations/invitations.service.js';
import { Public } from '../public.decorator.js';
import { AuthSessionObject } from './auth-session.object.js';
import { CreatedInvitationObject, InvitationObject } from './invitation.object.js';

@InputType()
class AcceptInvitationInput {
  @Field({ description: 'The token from the invitation link.' })
  @IsString()
  @MaxLength(200)
  token!: string;

  @Field({ description: 'The password for your new account.' })
  @IsString()
  @MaxLength(1024)
  password!: string;

  @Field({ nullable: true, description: 'Your name, for your new account.' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  displayName?: string;
}

@ArgsType()
class InvitationTokenArgs {
  @Field({ description: 'The token from the invitation link.' })
  @IsString()
  @MaxLength(200)
  token!: string;
}

@Resolver(() => InvitationObject)
export class InvitationsResolver {
  constructor(private readonly invitations: InvitationsService) {}

  @Query(() => [InvitationObject], { description: 'Invitations not yet accepted or revoked.' })
  @RequirePermission('members:read')
  pendingInvitations(): Promise<InvitationObject[]> {
    return this.invitations.pending();
  }

  @Mutation(() => CreatedInvitationObject, {
    description: 'Invites someone by email with a role; the link expires in 7 days.',
  })
  @RequirePermission('members:manage')
  inviteMember(
    @Args('email') email: string,
    @Args('role', { type: () => RoleEnum }) role: Role,
  ): Promise<CreatedInvitationObject> {
    return this.invitations.invite(email, role);
  }

  @Mutation(() => Boolean, { description: 'Revokes a pending invitation; its link stops working.' })
  @RequirePermission('members:manage')
  async revokeInvitation(
    @Args('invitationId', { type: () => ID }, ParseUUIDPipe) invitationId: string,
  ): Promise<boolean> {
    await this.invitations.revoke(invitationId);
    return true;
  }

  @Mutation(() => AuthSessionObject, {
    description:
      'Accepts an invitation by creating your account: joins the organization with the invited role and signs you in there. If your email already has an account, sign in and use acceptInvitationAsMember.',
  })
  @Public()
  async acceptInvitation(@Args('input') input: AcceptInvitationInput): Promise<AuthSessionObject> {
    const session = await this.invitations.accept(input);
    return { ...session, organizationId: session.tenantId };
  }

  @Mutation(() => AuthSessionObject, {
    description:
      'Accepts an invitation sent to your own email: joins that organization with the invited role and returns a session there.',
  })
  @RequirePermission('session:own')
  async acceptInvitationAsMember(@Args() args: InvitationTokenArgs): Promise<AuthSessionObject> {
    const session = await this.invitations.acceptAsMember(args.token);
    return { ...session, organizationId: session.tenantId };
  }
}
