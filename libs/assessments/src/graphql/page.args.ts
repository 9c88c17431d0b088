import { ArgsType, Field, ID, Int } from '@nestjs/graphql';
import { IsInt, IsOptional, IsUUID, Max, Min } from 'class-validator';

/** Relay-style page arguments whose cursor is the id of the last item read. */
@ArgsType()
export class PageArgs {
  @Field(() => Int, { defaultValue: 20, description: 'Page size, 1 to 100.' })
  @IsInt()
  @Min(1)
  @Max(100)
  first = 20;

  @Field(() => ID, { nullable: true, description: 'endCursor of the previous page.' })
  @IsOptional()
  @IsUUID()
  after?: string;
}
