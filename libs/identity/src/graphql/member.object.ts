import { Field, ID, ObjectType } from '@nestjs/graphql';
import type { Role } from '@app/access';
import { RoleEnum } from './role.enum.js';

@ObjectType('Member', { description: 'A person’s membership of the organization.' })
export class MemberObject {
  @Field(() => ID)
  userId!: string;

  @Field()
  email!: string;

  @Field()
  displayName!: string;

  @Field(() => RoleEnum)
  role!: Role;

  @Field()
  joinedAt!: Date;
}
