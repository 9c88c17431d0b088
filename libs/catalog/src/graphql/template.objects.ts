import { Field, Float, ID, InputType, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { IsBoolean, IsString, Matches } from 'class-validator';

export const FrameworkEnum = {
  NIST_800_53: 'nist-800-53',
  CSF_2_0: 'csf-2.0',
  CIS_V8: 'cis-v8',
  ISO_27001_2022: 'iso-27001-2022',
} as const;
registerEnumType(FrameworkEnum, { name: 'ControlFramework' });

@ObjectType('ControlMapping')
export class ControlMappingObject {
  @Field(() => FrameworkEnum)
  framework!: string;

  @Field(() => [String])
  ids!: string[];
}

@ObjectType('AnswerOption')
export class AnswerOptionObject {
  @Field()
  value!: string;

  @Field({ description: 'What the answer means.' })
  label!: string;

  @Field({
    description:
      'On a multiple_choice question: this option ("none of these") cannot be chosen with any other.',
  })
  exclusive!: boolean;
}

@ObjectType('ReviewGrade', {
  description: 'A grade a reviewer may give a text or evidence answer.',
})
export class ReviewGradeObject {
  @Field(() => Float, { description: 'The compliance value from 0 to 1 the grade gives.' })
  value!: number;

  @Field()
  label!: string;
}

@ObjectType('TemplateQuestion')
export class TemplateQuestionObject {
  @Field(() => ID)
  id!: string;

  @Field()
  text!: string;

  @Field(() => String, { nullable: true })
  help!: string | null;

  @Field({
    description:
      'yes_no, single_choice, multiple_choice, number, percentage, date, text or evidence.',
  })
  answerType!: string;

  @Field(() => [AnswerOptionObject], {
    description:
      'The answers to pick from with their meaning: a choice question’s options, or for yes_no: yes, partial, no and (where allowed) not_applicable.',
  })
  options!: AnswerOptionObject[];

  @Field(() => String, { nullable: true, description: 'Unit of a number answer.' })
  unit!: string | null;

  @Field({ description: 'How an answer becomes a compliance value from 0 to 1, as JSON.' })
  scoring!: string;

  @Field(() => Int)
  weight!: number;

  @Field()
  required!: boolean;

  @Field()
  knockout!: boolean;

  @Field(() => String, { nullable: true })
  knockoutReason!: string | null;

  @Field()
  passLevel!: number;

  @Field(() => String, { nullable: true, description: 'Shown only when this condition holds.' })
  visibleWhen!: string | null;

  @Field({
    description:
      'Whether the respondent may claim not applicable (a claim a reviewer accepts); false on a knockout unless the template says why.',
  })
  allowNotApplicable!: boolean;

  @Field(() => String, { nullable: true, description: 'Why not applicable may be claimed here.' })
  notApplicableReason!: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'The earlier question this one follows up; it never scores above that one.',
  })
  followsUp!: string | null;

  @Field({ description: 'Asked of every criticality tier, like a knockout.' })
  everyTier!: boolean;

  @Field(() => [String], { description: 'Free labels, e.g. ASVS levels L1, L2.' })
  tags!: string[];

  @Field({
    description:
      'A date answer that says when something was last done: it may not lie after the day it is saved.',
  })
  notInFuture!: boolean;

  @Field(() => [ReviewGradeObject], {
    description:
      'Text and evidence answers wait for a reviewer to grade them with one of these; empty for other answers.',
  })
  grades!: ReviewGradeObject[];

  @Field(() => [String])
  evidence!: string[];

  @Field(() => [ControlMappingObject])
  controls!: ControlMappingObject[];
}

@ObjectType('TemplateFamily')
export class TemplateFamilyObject {
  @Field(() => ID)
  id!: string;

  @Field()
  title!: string;

  @Field()
  guidance!: string;

  @Field()
  weight!: number;

  @Field(() => [TemplateQuestionObject])
  questions!: TemplateQuestionObject[];
}

@ObjectType('TemplateVersion')
export class TemplateVersionObject {
  @Field()
  key!: string;

  @Field()
  version!: string;

  @Field({ description: 'A built-in template (global, read-only) or your organization’s own.' })
  builtIn!: boolean;

  @Field({ description: 'draft or published; published versions never change.' })
  status!: string;

  @Field(() => Date, { nullable: true })
  publishedAt!: Date | null;

  @Field()
  title!: string;

  @Field()
  description!: string;

  @Field()
  audience!: string;

  @Field(() => [TemplateFamilyObject])
  families!: TemplateFamilyObject[];
}

@ObjectType('TemplateVersionSummary')
export class TemplateVersionSummaryObject {
  @Field()
  version!: string;

  @Field()
  status!: string;

  @Field(() => Date, { nullable: true })
  publishedAt!: Date | null;
}

@ObjectType('QuestionnaireTemplate')
export class TemplateSummaryObject {
  @Field()
  key!: string;

  @Field()
  title!: string;

  @Field()
  audience!: string;

  @Field()
  builtIn!: boolean;

  @Field(() => String, { nullable: true, description: 'key@version it was copied from.' })
  copiedFrom!: string | null;

  @Field(() => [TemplateVersionSummaryObject], { description: 'Newest first.' })
  versions!: TemplateVersionSummaryObject[];
}

@ObjectType('ControlMatch', { description: 'A question that covers a control.' })
export class ControlMatchObject {
  @Field()
  key!: string;

  @Field()
  version!: string;

  @Field()
  builtIn!: boolean;

  @Field()
  familyId!: string;

  @Field()
  familyTitle!: string;

  @Field()
  questionId!: string;

  @Field()
  text!: string;
}

@ObjectType('TemplateChange')
export class TemplateChangeObject {
  @Field({
    description:
      'family_added, family_removed, family_changed, question_added, question_removed or question_changed.',
  })
  kind!: string;

  @Field()
  id!: string;

  @Field(() => [String])
  fields!: string[];
}

@InputType()
export class TemplateRefInput {
  @Field()
  @IsString()
  @Matches(/^[a-z][a-z0-9-]{1,62}$/)
  key!: string;

  @Field()
  @IsString()
  @Matches(/^\d+\.\d+\.\d+$/)
  version!: string;

  @Field(() => Boolean, { defaultValue: false })
  @IsBoolean()
  builtIn = false;
}
