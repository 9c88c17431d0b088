import { type Role } from '@app/access';
import { RoleEnum } from '@app/identity';
import { Field, ID, Int, ObjectType } from '@nestjs/graphql';

@ObjectType('AuthSession', {
  description:
    'Tokens for one organization. Send the access token as `Authorization: Bearer …`; before it expires, trade the refresh token for a new pair with refreshSession. A refresh token works once.',
})
export class AuthSessionObject {
  @Field()
  accessToken!: string;

  @Field()
  refreshToken!: string;

  @Field(() => Int, { description: 'Seconds until the access token expires.' })
  expiresInSeconds!: number;

  @Field(() => ID)
  userId!: string;

  @Field(() => ID, { description: 'The organization the tokens act in.' })
  organizationId!: string;

  @Field(() => RoleEnum)
  role!: Role;
}

@ObjectType('OrganizationMembership')
export class OrganizationMembershipObject {
  @Field(() => ID)
  organizationId!: string;

  @Field()
  organizationName!: string;

  @Field(() => RoleEnum)
  role!: Role;
}

@ObjectType('Viewer', { description: 'The signed-in person and the organization they act in.' })
export class ViewerObject {
  @Field(() => ID)
  userId!: string;

  @Field()
  email!: string;

  @Field()
  displayName!: string;

  @Field(() => ID)
  organizationId!: string;

  @Field(() => RoleEnum)
  role!: Role;

  @Field(() => [String], { description: 'What this role may do here.' })
  permissions!: string[];

  @Field(() => [OrganizationMembershipObject], {
    description: 'Every organization this person belongs to (for switchOrganization).',
  })
  organizations!: OrganizationMembershipObject[];
}
