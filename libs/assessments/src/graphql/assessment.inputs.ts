import { ArgsType, Field, ID, InputType } from '@nestjs/graphql';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  MaxLength,
} from 'class-validator';
import { ASSESSMENT_STATES, type AssessmentState } from '../lifecycle/assessment-states.js';
import { AssessmentStateEnum } from './assessment-enums.js';
import { PageArgs } from './page.args.js';

@InputType('CreateAssessmentInput')
export class CreateAssessmentInput {
  @Field(() => ID)
  @IsUUID()
  vendorId!: string;

  @Field({ description: 'Template key, e.g. msp-advisory.' })
  @IsString()
  @MaxLength(64)
  templateKey!: string;

  @Field({ description: 'A published version, e.g. 1.0.0.' })
  @IsString()
  @MaxLength(32)
  templateVersion!: string;

  @Field(() => Boolean, {
    defaultValue: true,
    description: 'A built-in template rather than your own copy.',
  })
  @IsBoolean()
  builtIn = true;

  @Field({ description: 'YYYY-MM-DD.' })
  @Matches(/^\d{4}-\d{2}-\d{2}$/)
  dueOn!: string;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  title?: string | null;
}

@ArgsType()
export class AssessmentPageArgs extends PageArgs {
  @Field(() => AssessmentStateEnum, { nullable: true })
  @IsOptional()
  @IsIn(ASSESSMENT_STATES)
  state?: AssessmentState;
}

@ArgsType()
export class AssessmentsArgs extends AssessmentPageArgs {
  @Field(() => ID, { nullable: true })
  @IsOptional()
  @IsUUID()
  vendorId?: string;
}

@ArgsType()
export class QuestionTextArgs {
  @Field(() => ID)
  @IsUUID()
  assessmentId!: string;

  @Field(() => ID)
  @IsString()
  @MaxLength(64)
  questionId!: string;

  @Field()
  @IsString()
  @MaxLength(4000)
  body!: string;
}

@ArgsType()
export class SendAssessmentArgs {
  @Field(() => ID)
  @IsUUID()
  id!: string;

  @Field(() => [String], {
    defaultValue: [],
    description: 'People at the vendor to invite; optional once the vendor is linked.',
  })
  @IsArray()
  @ArrayMaxSize(20)
  @IsString({ each: true })
  @MaxLength(320, { each: true })
  respondentEmails: string[] = [];
}
