import { Field, Float, ID, InputType, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsIn,
  IsInt,
  IsNumber,
  IsOptional,
  IsString,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';

export const RiskLevelEnum = {
  LOW: 'low',
  MODERATE: 'moderate',
  HIGH: 'high',
  CRITICAL: 'critical',
} as const;
registerEnumType(RiskLevelEnum, { name: 'RiskLevel' });

export const ScoreKindEnum = { PROVISIONAL: 'provisional', FINAL: 'final' } as const;
registerEnumType(ScoreKindEnum, {
  name: 'ScoreKind',
  description:
    'PROVISIONAL while answers may change; FINAL once completed (stored, kept when recomputed).',
});

export const FrameworkEnum = {
  NIST_800_53: 'nist-800-53',
  CSF_2_0: 'csf-2.0',
  CIS_V8: 'cis-v8',
  ISO_27001_2022: 'iso-27001-2022',
} as const;
registerEnumType(FrameworkEnum, { name: 'Framework' });

export const FrameworkLevelEnum = { CATEGORY: 'category', FUNCTION: 'function' } as const;
registerEnumType(FrameworkLevelEnum, {
  name: 'FrameworkLevel',
  description: 'CATEGORY (e.g. PR.AA) or, for CSF 2.0, FUNCTION (e.g. PR).',
});

@ObjectType('QuestionScore')
export class QuestionScoreObject {
  @Field()
  questionId!: string;

  @Field(() => String, {
    nullable: true,
    description: 'A summary of the answer (never free text).',
  })
  answer!: string | null;

  @Field(() => Float, { description: 'w' })
  weight!: number;

  @Field()
  knockout!: boolean;

  @Field()
  counted!: boolean;

  @Field(() => Float, { nullable: true, description: 'v, from 0 to 1; null when not counted.' })
  compliance!: number | null;

  @Field(() => String, {
    nullable: true,
    description:
      'Why it is left out: hidden, not_scored, not_applicable (an accepted claim), unanswered or pending_review.',
  })
  reason!: string | null;

  @Field(() => String, {
    nullable: true,
    description:
      'Why it counted 0, is pending or is left out, in a sentence; null when there is nothing to say (and on scores of engine 1.0.0).',
  })
  note!: string | null;
}

@ObjectType('ScoreTally', { description: 'How many questions, and how much question weight.' })
export class ScoreTallyObject {
  @Field(() => Int)
  count!: number;

  @Field(() => Float)
  weight!: number;
}

@ObjectType('OpenKnockout', {
  description:
    'A shown knockout not truly met yet (unanswered, pending review, or a not-applicable claim not accepted): the rating is no better than high until it is.',
})
export class OpenKnockoutObject {
  @Field()
  questionId!: string;

  @Field()
  familyId!: string;

  @Field()
  reason!: string;
}

@ObjectType('FamilyScore')
export class FamilyScoreObject {
  @Field()
  familyId!: string;

  @Field(() => Float)
  weight!: number;

  @Field(() => Float, { nullable: true, description: '0–100; null when no question counts.' })
  score!: number | null;

  @Field(() => ScoreTallyObject, {
    description: 'Accepted not-applicable claims left out of this score.',
  })
  notApplicable!: ScoreTallyObject;

  @Field(() => ScoreTallyObject, {
    description:
      'Left out while waiting for the reviewer: not-applicable claims not yet accepted (before submission) and ungraded review-scored answers.',
  })
  pending!: ScoreTallyObject;

  @Field(() => [QuestionScoreObject])
  questions!: QuestionScoreObject[];
}

@ObjectType('FailedKnockout')
export class FailedKnockoutObject {
  @Field()
  questionId!: string;

  @Field()
  familyId!: string;

  @Field()
  reason!: string;

  @Field(() => Float)
  compliance!: number;

  @Field(() => Float)
  passLevel!: number;
}

@ObjectType('AssessmentScore', {
  description: 'Overall and family scores, the rating and residual risk, with the full breakdown.',
})
export class AssessmentScoreObject {
  @Field(() => ScoreKindEnum)
  kind!: string;

  @Field(() => Float, { nullable: true, description: '0–100; null while nothing counts.' })
  overall!: number | null;

  @Field(() => RiskLevelEnum, {
    nullable: true,
    description: 'The band rating, capped by knockouts.',
  })
  rating!: string | null;

  @Field(() => RiskLevelEnum, { nullable: true, description: 'What the score alone earns.' })
  bandRating!: string | null;

  @Field(() => RiskLevelEnum, { nullable: true, description: 'Tier × rating, from the matrix.' })
  residualRisk!: string | null;

  @Field(() => Int, { nullable: true })
  tier!: number | null;

  @Field(() => [FailedKnockoutObject])
  failedKnockouts!: FailedKnockoutObject[];

  @Field(() => [OpenKnockoutObject], {
    description: 'Knockouts not truly met yet; empty on scores of engine 1.0.0.',
  })
  openKnockouts!: OpenKnockoutObject[];

  @Field(() => ScoreTallyObject, {
    description: 'Accepted not-applicable claims left out of the overall score.',
  })
  notApplicable!: ScoreTallyObject;

  @Field(() => ScoreTallyObject, {
    description: 'Answers left out of the overall score while waiting for the reviewer.',
  })
  pending!: ScoreTallyObject;

  @Field(() => [FamilyScoreObject])
  families!: FamilyScoreObject[];

  @Field()
  engineVersion!: string;

  @Field()
  templateKey!: string;

  @Field()
  templateVersion!: string;

  @Field(() => Int)
  settingsVersion!: number;

  @Field({ description: 'The day answers were aged against (YYYY-MM-DD).' })
  asOf!: string;

  @Field()
  computedAt!: Date;
}

@ObjectType('ControlScore')
export class ControlScoreObject {
  @Field({ description: 'A control category, e.g. PR.AA (CSF 2.0) or AC (SP 800-53).' })
  control!: string;

  @Field(() => Float)
  score!: number;

  @Field(() => Int)
  questions!: number;
}

@ObjectType('RatingBands', {
  description: 'The lowest score for each rating; below high is critical.',
})
@InputType('RatingBandsInput')
export class RatingBandsType {
  @Field(() => Float)
  @IsNumber()
  @Min(0)
  @Max(100)
  low!: number;

  @Field(() => Float)
  @IsNumber()
  @Min(0)
  @Max(100)
  moderate!: number;

  @Field(() => Float)
  @IsNumber()
  @Min(0)
  @Max(100)
  high!: number;
}

const LEVELS = Object.values(RiskLevelEnum);

@ObjectType('ResidualRiskRow', { description: 'Residual risk for one tier, by rating.' })
@InputType('ResidualRiskRowInput')
export class ResidualRowType {
  @Field(() => Int)
  @IsInt()
  @Min(1)
  @Max(4)
  tier!: number;

  @Field(() => RiskLevelEnum)
  @IsIn(LEVELS)
  low!: string;

  @Field(() => RiskLevelEnum)
  @IsIn(LEVELS)
  moderate!: string;

  @Field(() => RiskLevelEnum)
  @IsIn(LEVELS)
  high!: string;

  @Field(() => RiskLevelEnum)
  @IsIn(LEVELS)
  critical!: string;
}

@ObjectType('FamilyWeight')
@InputType('FamilyWeightInput')
export class FamilyWeightType {
  @Field()
  @IsString()
  @MaxLength(64)
  familyId!: string;

  @Field(() => Float)
  @IsNumber()
  @Min(0)
  @Max(100)
  weight!: number;
}

@ObjectType('ScoringSettings')
export class ScoringSettingsObject {
  @Field(() => RatingBandsType)
  bands!: RatingBandsType;

  @Field(() => [ResidualRowType])
  residualMatrix!: ResidualRowType[];

  @Field(() => [FamilyWeightType], { description: 'Overrides of template family weights.' })
  familyWeights!: FamilyWeightType[];

  @Field(() => Int, { description: '0 until changed; stored scores name the version they used.' })
  version!: number;
}

@InputType('ScoringSettingsInput', { description: 'Leave a part out to keep it as it is.' })
export class ScoringSettingsInput {
  @Field(() => RatingBandsType, { nullable: true })
  @IsOptional()
  @ValidateNested()
  @Type(() => RatingBandsType)
  bands?: RatingBandsType | null;

  @Field(() => [ResidualRowType], { nullable: true, description: 'All four tiers.' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(4)
  @ValidateNested({ each: true })
  @Type(() => ResidualRowType)
  residualMatrix?: ResidualRowType[] | null;

  @Field(() => [FamilyWeightType], { nullable: true, description: 'Replaces all overrides.' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(100)
  @ValidateNested({ each: true })
  @Type(() => FamilyWeightType)
  familyWeights?: FamilyWeightType[] | null;
}

@ObjectType('ScoreRecord', { description: 'A stored final score, current or replaced.' })
export class ScoreRecordObject {
  @Field(() => ID)
  id!: string;

  @Field(() => Float, { nullable: true })
  overall!: number | null;

  @Field(() => RiskLevelEnum, { nullable: true })
  rating!: string | null;

  @Field(() => Int)
  settingsVersion!: number;

  @Field()
  current!: boolean;

  @Field()
  computedAt!: Date;
}
