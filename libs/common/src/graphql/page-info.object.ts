import { Field, ObjectType } from '@nestjs/graphql';

/** Relay's page info, shared by every connection in the schema. */
@ObjectType('PageInfo')
export class PageInfoObject {
  @Field()
  hasNextPage!: boolean;

  @Field(() => String, { nullable: true })
  endCursor!: string | null;
}
