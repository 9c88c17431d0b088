import { ArgsType, Field, Int } from '@nestjs/graphql';
import { IsInt, IsOptional, Matches, Max, Min } from 'class-validator';

@ArgsType()
export class AuditEventsArgs {
  @Field(() => Int, { defaultValue: 20, description: 'Page size, 1 to 100.' })
  @IsInt()
  @Min(1)
  @Max(100)
  first = 20;

  @Field(() => String, { nullable: true, description: 'endCursor of the previous page.' })
  @IsOptional()
  @Matches(/^[1-9][0-9]{0,18}$/, { message: 'after must be a cursor returned by this query' })
  after?: string;
}
