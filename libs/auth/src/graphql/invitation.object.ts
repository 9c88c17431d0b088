import { type Role } from '@app/access';
import { RoleEnum } from '@app/identity';
import { Field, ID, ObjectType } from '@nestjs/graphql';

@ObjectType('Invitation', { description: 'A pending invitation to join the organization.' })
export class InvitationObject {
  @Field(() => ID)
  id!: string;

  @Field()
  email!: string;

  @Field(() => RoleEnum)
  role!: Role;

  @Field()
  createdAt!: Date;

  @Field()
  expiresAt!: Date;
}

@ObjectType('CreatedInvitation')
export class CreatedInvitationObject {
  @Field(() => InvitationObject)
  invitation!: InvitationObject;

  @Field({
    description: 'The link to accept, shown once so you can copy it; it has also been mailed.',
  })
  acceptUrl!: string;
}
