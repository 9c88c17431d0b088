import { RequestContext } from '@app/common';
import { isRole, RequirePermission, ROLE_PERMISSIONS } from '@app/access';
import { ParseUUIDPipe } from '@nestjs/common';
import { Args, ArgsType, Field, ID, InputType, Mutation, Query, Resolver } from '@nestjs/graphql';
import { IsString, MaxLength } from 'class-validator';
import { PasswordResetService } from '../password-reset/password-reset.service.js';
import { Public } from '../public.decorator.js';
import { type Session, SessionService } from '../session.service.js';
import { AuthSessionObject, ViewerObject } from './auth-session.object.js';
import { ChangePasswordInput, LoginInput } from './inputs/login.input.js';
import { SignUpInput } from './inputs/sign-up.input.js';

@ArgsType()
class RefreshTokenArgs {
  @Field()
  @IsString()
  @MaxLength(200)
  refreshToken!: string;
}

@ArgsType()
class EmailArgs {
  @Field()
  @IsString()
  @MaxLength(320)
  email!: string;
}

@InputType()
class ResetPasswordInput {
  @Field({ description: 'The token from the reset link.' })
  @IsString()
  @MaxLength(200)
  token!: string;

  @Field()
  @IsString()
  @MaxLength(1024)
  newPassword!: string;
}

function toObject(session: Session): AuthSessionObject {
  return { ...session, organizationId: session.tenantId };
}

@Resolver()
export class SessionResolver {
  constructor(
    private readonly sessions: SessionService,
    private readonly passwordResets: PasswordResetService,
    private readonly context: RequestContext,
  ) {}

  @Mutation(() => AuthSessionObject, {
    description: 'Creates your account and your organization, and signs you in as its owner.',
  })
  @Public()
  async signUp(@Args('input') input: SignUpInput): Promise<AuthSessionObject> {
    const { assessesVendors, answersAssessments, ...person } = input;
    return toObject(
      await this.sessions.signUp({
        ...person,
        capabilities: { assessesVendors, answersAssessments },
      }),
    );
  }

  @Mutation(() => AuthSessionObject, { description: 'Signs in with email and password.' })
  @Public()
  async login(@Args('input') input: LoginInput): Promise<AuthSessionObject> {
    return toObject(await this.sessions.login(input.email, input.password, input.organizationId));
  }

  @Mutation(() => AuthSessionObject, {
    description:
      'Trades a refresh token for a new token pair. Reusing a spent one ends the session.',
  })
  @Public()
  async refreshSession(@Args() args: RefreshTokenArgs): Promise<AuthSessionObject> {
    return toObject(await this.sessions.refresh(args.refreshToken));
  }

  @Mutation(() => Boolean, { description: 'Ends the session the refresh token belongs to.' })
  @Public()
  async logout(@Args() args: RefreshTokenArgs): Promise<boolean> {
    await this.sessions.logout(args.refreshToken);
    return true;
  }

  @Mutation(() => Boolean, {
    description:
      'Mails a password reset link if the account exists. Always answers true, so it reveals nothing.',
  })
  @Public()
  async requestPasswordReset(@Args() args: EmailArgs): Promise<boolean> {
    await this.passwordResets.request(args.email);
    return true;
  }

  @Mutation(() => Boolean, {
    description: 'Sets a new password with the token from a reset link; ends all your sessions.',
  })
  @Public()
  async resetPassword(@Args('input') input: ResetPasswordInput): Promise<boolean> {
    await this.passwordResets.reset(input.token, input.newPassword);
    return true;
  }

  @Mutation(() => AuthSessionObject, {
    description: 'New tokens for another organization you belong to.',
  })
  @RequirePermission('session:own')
  async switchOrganization(
    @Args('organizationId', { type: () => ID }, ParseUUIDPipe) organizationId: string,
  ): Promise<AuthSessionObject> {
    return toObject(await this.sessions.switchOrganization(organizationId));
  }

  @Mutation(() => AuthSessionObject, {
    description: 'Changes your password, ends all your other sessions and returns a new one.',
  })
  @RequirePermission('session:own')
  async changePassword(@Args('input') input: ChangePasswordInput): Promise<AuthSessionObject> {
    return toObject(await this.sessions.changePassword(input.currentPassword, input.newPassword));
  }

  @Query(() => ViewerObject, { description: 'Who you are, where, and what you may do.' })
  @RequirePermission('session:own')
  async me(): Promise<ViewerObject> {
    const userId = this.context.actor.id;
    const role = this.context.role;
    if (!isRole(role)) throw new Error('An authenticated request always has a role.');
    const organizations = await this.sessions.organizationsOf(userId);
    const profile = await this.sessions.profileOf(userId);
    return {
      userId,
      ...profile,
      organizationId: this.context.tenantId,
      role,
      permissions: [...ROLE_PERMISSIONS[role]],
      organizations: organizations.map((m) => ({
        organizationId: m.tenantId,
        organizationName: m.name,
        role: m.role,
      })),
    };
  }
}
