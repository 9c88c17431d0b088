import { Field, Float, ID, Int, ObjectType } from '@nestjs/graphql';
import { AnswerTypeEnum, ReviewStatusEnum, SideEnum } from './assessment-enums.js';
import { AnswerValueObject } from './answer-value.objects.js';

@ObjectType('Answer')
export class AnswerObject {
  @Field(() => ID)
  questionId!: string;

  @Field(() => AnswerValueObject, { nullable: true, description: 'Null while unanswered or N/A.' })
  value!: AnswerValueObject | null;

  @Field({
    description:
      'Claimed not applicable: a claim, counted once the reviewer accepts it (reviewStatus ACCEPTED).',
  })
  notApplicable!: boolean;

  @Field(() => String, { nullable: true, description: 'The respondent’s reason for the claim.' })
  notApplicableReason!: string | null;

  @Field(() => Int, { description: 'Send it back with the next save; 0 means never answered.' })
  version!: number;

  @Field(() => Date, { nullable: true })
  answeredAt!: Date | null;

  @Field(() => ID, {
    nullable: true,
    description: 'The MSP colleague the question is assigned to.',
  })
  assigneeUserId!: string | null;

  @Field({ description: 'Pre-filled from the previous cycle and not yet confirmed.' })
  carried!: boolean;

  @Field({ description: 'Differs from the previous cycle’s answer (false when there was none).' })
  changedSinceLastCycle!: boolean;

  @Field(() => ReviewStatusEnum)
  reviewStatus!: string;

  @Field(() => String, { nullable: true, description: 'What the reviewer asked to fix.' })
  reviewComment!: string | null;

  @Field(() => Date, { nullable: true })
  reviewedAt!: Date | null;

  @Field(() => Float, {
    nullable: true,
    description:
      'The reviewer’s grade of a review-scored answer (text, evidence), one of the question’s grades; null until graded. A new save clears it.',
  })
  grade!: number | null;
}

@ObjectType('EvidenceFile')
export class EvidenceFileObject {
  @Field(() => ID)
  id!: string;

  @Field()
  questionId!: string;

  @Field()
  fileName!: string;

  @Field({ description: 'Detected from the content, not the name.' })
  mediaType!: string;

  @Field(() => Int)
  sizeBytes!: number;

  @Field()
  sha256!: string;

  @Field()
  uploadedAt!: Date;
}

@ObjectType('AssessmentComment')
export class CommentObject {
  @Field(() => ID)
  id!: string;

  @Field()
  questionId!: string;

  @Field(() => SideEnum)
  authorSide!: string;

  @Field()
  authorName!: string;

  @Field()
  body!: string;

  @Field()
  createdAt!: Date;
}

@ObjectType('AssessmentNote', {
  description: 'Internal to the customer; the vendor never sees it.',
})
export class NoteObject {
  @Field(() => ID)
  id!: string;

  @Field(() => String, { nullable: true })
  questionId!: string | null;

  @Field(() => ID, { nullable: true })
  authorUserId!: string | null;

  @Field()
  body!: string;

  @Field()
  createdAt!: Date;
}

@ObjectType('AssessmentEvent')
export class EventObject {
  @Field()
  fromState!: string;

  @Field()
  toState!: string;

  @Field(() => SideEnum)
  actorSide!: string;

  @Field(() => String, { nullable: true })
  comment!: string | null;

  @Field()
  occurredAt!: Date;
}

@ObjectType('AssessmentInvitation')
export class InvitationObject {
  @Field(() => ID)
  id!: string;

  @Field()
  email!: string;

  @Field()
  createdAt!: Date;

  @Field()
  expiresAt!: Date;

  @Field(() => Date, { nullable: true })
  acceptedAt!: Date | null;
}

@ObjectType('ChoiceOption')
export class ChoiceOptionObject {
  @Field()
  value!: string;

  @Field()
  label!: string;

  @Field({
    description:
      'On a multiple_choice question: chosen on its own or not at all ("none of these").',
  })
  exclusive!: boolean;
}

@ObjectType('AnswerGrade', { description: 'A grade the reviewer may give a review-scored answer.' })
export class AnswerGradeObject {
  @Field(() => Float, { description: 'The compliance value, 0 to 1.' })
  value!: number;

  @Field()
  label!: string;
}

@ObjectType('AssessmentQuestion')
export class QuestionObject {
  @Field(() => ID)
  id!: string;

  @Field()
  familyId!: string;

  @Field()
  familyTitle!: string;

  @Field()
  text!: string;

  @Field(() => String, { nullable: true })
  help!: string | null;

  @Field(() => AnswerTypeEnum)
  answerType!: string;

  @Field(() => [ChoiceOptionObject])
  options!: ChoiceOptionObject[];

  @Field(() => String, { nullable: true })
  unit!: string | null;

  @Field(() => Float, { nullable: true })
  min!: number | null;

  @Field(() => Float, { nullable: true })
  max!: number | null;

  @Field()
  required!: boolean;

  @Field({
    description:
      'Whether the respondent may claim not applicable (with a justification the reviewer accepts or rejects).',
  })
  allowNotApplicable!: boolean;

  @Field({ description: 'A date question asking when something was last done: not after today.' })
  notInFuture!: boolean;

  @Field(() => [AnswerGradeObject], {
    description:
      'Review-scored questions (text, evidence): the grades the reviewer chooses from; empty otherwise.',
  })
  grades!: AnswerGradeObject[];

  @Field({ description: 'Shown for the answers so far (conditional questions may be hidden).' })
  visible!: boolean;

  @Field(() => [String], { description: 'What evidence would support the answer.' })
  evidenceHints!: string[];

  @Field(() => AnswerObject, { nullable: true })
  answer!: AnswerObject | null;

  @Field(() => [EvidenceFileObject])
  evidence!: EvidenceFileObject[];

  @Field(() => [CommentObject])
  comments!: CommentObject[];
}

@ObjectType('AssessmentProgress')
export class ProgressObject {
  @Field(() => Int, { description: 'Questions shown for the answers so far.' })
  visible!: number;

  @Field(() => Int)
  answered!: number;

  @Field(() => [String], { description: 'Required, shown and unanswered: what blocks submission.' })
  missingRequired!: string[];
}
