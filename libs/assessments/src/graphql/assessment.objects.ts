import { Field, ID, Int, ObjectType } from '@nestjs/graphql';
import { AssessmentStateEnum } from './assessment-enums.js';

/** What both sides see of an assessment's header. */
@ObjectType({ isAbstract: true })
export abstract class AssessmentHeader {
  @Field(() => ID)
  id!: string;

  @Field()
  title!: string;

  @Field(() => AssessmentStateEnum)
  state!: string;

  @Field({ description: 'YYYY-MM-DD.' })
  dueOn!: string;

  @Field(() => Int, { description: 'The vendor’s tier when created; it chose the questions.' })
  tier!: number;

  @Field(() => Int)
  questionCount!: number;

  @Field()
  stateChangedAt!: Date;

  @Field(() => Date, { nullable: true })
  sentAt!: Date | null;

  @Field(() => Date, { nullable: true })
  submittedAt!: Date | null;

  @Field(() => Date, { nullable: true })
  completedAt!: Date | null;

  @Field(() => ID, { nullable: true, description: 'The previous cycle’s assessment.' })
  previousAssessmentId!: string | null;
}

@ObjectType('Assessment', { description: 'An assessment your organization sent to a vendor.' })
export class AssessmentObject extends AssessmentHeader {
  @Field(() => ID)
  vendorId!: string;

  @Field()
  vendorName!: string;

  @Field({ description: 'Whether the vendor’s MSP organization on Cascade is answering.' })
  vendorLinked!: boolean;

  @Field(() => String, { nullable: true, description: 'When the next cycle starts (YYYY-MM-DD).' })
  nextCycleOn!: string | null;

  @Field()
  createdAt!: Date;
}

@ObjectType('InboxAssessment', {
  description: 'An assessment a customer sent to your organization.',
})
export class InboxAssessmentObject extends AssessmentHeader {
  @Field({ description: 'The customer that sent it.' })
  customerName!: string;
}

@ObjectType('AssessmentConnection')
export class AssessmentConnection {
  @Field(() => [AssessmentObject])
  nodes!: AssessmentObject[];

  @Field(() => String, { nullable: true })
  endCursor!: string | null;

  @Field()
  hasNextPage!: boolean;
}

@ObjectType('InboxConnection')
export class InboxConnection {
  @Field(() => [InboxAssessmentObject])
  nodes!: InboxAssessmentObject[];

  @Field(() => String, { nullable: true })
  endCursor!: string | null;

  @Field()
  hasNextPage!: boolean;
}

@ObjectType('ReassessmentCycle')
export class ReassessmentCycleObject {
  @Field(() => Int)
  tier!: number;

  @Field(() => Int, { nullable: true, description: 'Months between assessments; null for none.' })
  months!: number | null;

  @Field()
  isDefault!: boolean;
}
