import type { AnswerValue, AnswerSpec } from '@app/catalog';
import { Field, Float, ID, InputType, Int, ObjectType } from '@nestjs/graphql';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsInt,
  IsNumber,
  IsOptional,
  IsString,
  Max,
  MaxLength,
  Min,
} from 'class-validator';
import { answerValueShape } from '../answers/answer-value-shape.js';
import { MAX_NOT_APPLICABLE_REASON_LENGTH } from '../answers/answer-value.js';
import { InvalidAssessmentError } from '../assessments.errors.js';
import { MAX_EXPECTED_VERSION } from '../respondent/answer-versions.js';

/** An answer's value, in the one field its question's type uses. */
@ObjectType('AnswerValue')
export class AnswerValueObject {
  @Field(() => String, { nullable: true, description: 'yes_no and single_choice.' })
  choice?: string | null;

  @Field(() => [String], { nullable: true, description: 'multiple_choice.' })
  choices?: string[] | null;

  @Field(() => Float, { nullable: true, description: 'number and percentage.' })
  number?: number | null;

  @Field(() => String, { nullable: true, description: 'date, as YYYY-MM-DD.' })
  date?: string | null;

  @Field(() => String, { nullable: true, description: 'text, and the description of evidence.' })
  text?: string | null;
}

/** An answer's value as given: one of the value fields, or not applicable. */
@InputType({ isAbstract: true })
export class AnswerValueInput {
  @Field(() => Boolean, { defaultValue: false })
  @IsBoolean()
  notApplicable = false;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  choice?: string | null;

  @Field(() => [String], { nullable: true })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @IsString({ each: true })
  @MaxLength(200, { each: true })
  choices?: string[] | null;

  @Field(() => Float, { nullable: true })
  @IsOptional()
  @IsNumber({ allowNaN: false, allowInfinity: false })
  number?: number | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(10)
  date?: string | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(10_000)
  text?: string | null;
}

@InputType('AnswerSaveInput')
export class AnswerSaveInput extends AnswerValueInput {
  @Field(() => ID)
  @IsString()
  @MaxLength(64)
  questionId!: string;

  @Field(() => String, {
    nullable: true,
    description:
      'Why the question does not apply: required with notApplicable, where the question allows it. The reviewer accepts or rejects the claim.',
  })
  @IsOptional()
  @IsString()
  @MaxLength(MAX_NOT_APPLICABLE_REASON_LENGTH)
  notApplicableReason?: string | null;

  @Field(() => Int, { description: 'The answer version you read; 0 when it had none.' })
  @IsInt()
  @Min(0)
  @Max(MAX_EXPECTED_VERSION)
  expectedVersion!: number;
}

/** The one value an input carries; more than one is a mistake worth naming. */
export function inputValue(input: AnswerValueInput, questionId: string): AnswerValue | undefined {
  const given = [input.choice, input.choices, input.number, input.date, input.text].filter(
    (v) => v !== undefined && v !== null,
  );
  if (given.length > 1) {
    throw new InvalidAssessmentError(
      'ANSWER_INVALID',
      `Give ${questionId} one value (choice, choices, number, date or text), not several.`,
      { questionId },
    );
  }
  return given[0];
}

/** The stored value in the field its question's type uses; null while unanswered or N/A. */
export function valueObject(
  spec: Pick<AnswerSpec, 'type'>,
  value: AnswerValue,
): AnswerValueObject | null {
  return answerValueShape(spec, value);
}
