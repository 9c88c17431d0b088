import { Field, ID, ObjectType } from '@nestjs/graphql';

@ObjectType('Organization', { description: 'An organization: the tenant every token acts in.' })
export class OrganizationObject {
  @Field(() => ID)
  id!: string;

  @Field()
  name!: string;

  @Field()
  createdAt!: Date;
}
