import { PageInfoObject } from '@app/common';
import { ArgsType, Field, Float, ID, InputType, Int, ObjectType } from '@nestjs/graphql';
import {
  IsIn,
  IsInt,
  IsISO8601,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { Type } from 'class-transformer';
import { ASSESSMENT_STATES } from '@app/assessments';

@InputType('PortfolioFilter')
export class PortfolioFilterInput {
  @Field(() => Int, { nullable: true })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(4)
  tier?: number;

  @Field({ nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(50)
  tag?: string;

  @Field({ nullable: true, description: 'Assessment state, as stored (e.g. in_progress).' })
  @IsOptional()
  @IsIn(ASSESSMENT_STATES)
  state?: string;

  @Field({ nullable: true, description: 'From this day (YYYY-MM-DD, inclusive).' })
  @IsOptional()
  @Matches(/^\d{4}-\d{2}-\d{2}$/)
  @IsISO8601({ strict: true })
  from?: string;

  @Field({ nullable: true, description: 'Up to this day (YYYY-MM-DD, exclusive).' })
  @IsOptional()
  @Matches(/^\d{4}-\d{2}-\d{2}$/)
  @IsISO8601({ strict: true })
  to?: string;
}

/**
 * The `filter` argument, validated as a nested input: a bare `filter: PortfolioFilterInput | null`
 * parameter reaches the validation pipe typed as Object, and its rules would never run.
 */
@ArgsType()
export class PortfolioFilterArgs {
  @Field(() => PortfolioFilterInput, { nullable: true })
  @IsOptional()
  @ValidateNested()
  @Type(() => PortfolioFilterInput)
  filter?: PortfolioFilterInput;
}

@ArgsType()
export class HeatmapArgs extends PortfolioFilterArgs {
  // A row is one indexed lookup and a dozen numbers, so a whole portfolio of 1,000 vendors fits
  // one page: a heatmap is read as one picture.
  @Field(() => Int, { defaultValue: 50, description: 'Vendors per page, 1 to 1,000.' })
  @IsInt()
  @Min(1)
  @Max(1000)
  first = 50;

  @Field(() => ID, { nullable: true })
  @IsOptional()
  @IsUUID()
  after?: string;
}

@ArgsType()
export class TopArgs extends PortfolioFilterArgs {
  @Field(() => Int, { defaultValue: 10, description: '1 to 50.' })
  @IsInt()
  @Min(1)
  @Max(50)
  first = 10;
}

@ObjectType('RiskLevelCount')
export class RiskLevelCountObject {
  @Field(() => String, { nullable: true, description: 'Null: no completed assessment yet.' })
  level!: string | null;

  @Field(() => Int)
  vendors!: number;
}

@ObjectType('ScoreBucket')
export class ScoreBucketObject {
  @Field(() => Int)
  from!: number;

  @Field(() => Int)
  to!: number;

  @Field(() => Int)
  vendors!: number;
}

@ObjectType('StateCount')
export class StateCountObject {
  @Field()
  state!: string;

  @Field(() => Int)
  assessments!: number;
}

@ObjectType('OverdueAssessment')
export class OverdueAssessmentObject {
  @Field(() => ID)
  assessmentId!: string;

  @Field()
  title!: string;

  @Field()
  vendorName!: string;

  @Field()
  state!: string;

  @Field()
  dueOn!: string;

  @Field(() => Int)
  daysOverdue!: number;
}

@ObjectType('PortfolioOverview')
export class PortfolioOverviewObject {
  @Field(() => Int)
  vendors!: number;

  @Field(() => Float, { nullable: true, description: 'Mean of the vendors’ latest final scores.' })
  averageScore!: number | null;

  @Field(() => [RiskLevelCountObject])
  byResidualRisk!: RiskLevelCountObject[];

  @Field(() => [ScoreBucketObject])
  scoreDistribution!: ScoreBucketObject[];

  @Field(() => [StateCountObject])
  assessmentsByState!: StateCountObject[];

  @Field(() => Int)
  overdue!: number;

  @Field(() => [OverdueAssessmentObject], { description: 'The ten most overdue.' })
  mostOverdue!: OverdueAssessmentObject[];
}

@ObjectType('HeatmapRow')
export class HeatmapRowObject {
  @Field(() => ID)
  vendorId!: string;

  @Field()
  vendorName!: string;

  @Field(() => Int)
  tier!: number;

  @Field(() => Float, { nullable: true })
  overall!: number | null;

  @Field(() => String, { nullable: true })
  rating!: string | null;

  @Field(() => [Float], {
    nullable: 'items',
    description: 'Family scores in the order of the heatmap’s `families`; null where unscored.',
  })
  scores!: (number | null)[];
}

@ObjectType('HeatmapEdge')
export class HeatmapEdgeObject {
  @Field()
  cursor!: string;

  @Field(() => HeatmapRowObject)
  node!: HeatmapRowObject;
}

@ObjectType('HeatmapColumn')
export class HeatmapColumnObject {
  @Field()
  familyId!: string;

  @Field()
  title!: string;
}

@ObjectType('RiskHeatmap', { description: 'Vendors (rows) × control families (columns).' })
export class RiskHeatmapObject {
  @Field(() => [HeatmapColumnObject], { description: 'The families scored on this page.' })
  families!: HeatmapColumnObject[];

  @Field(() => [HeatmapEdgeObject])
  edges!: HeatmapEdgeObject[];

  @Field(() => PageInfoObject)
  pageInfo!: PageInfoObject;
}

@ObjectType('ScoreTrendPoint')
export class TrendPointObject {
  @Field(() => ID)
  assessmentId!: string;

  @Field()
  completedAt!: Date;

  @Field(() => Float, { nullable: true })
  overall!: number | null;

  @Field(() => String, { nullable: true })
  rating!: string | null;
}

@ObjectType('MonthlyScore')
export class MonthPointObject {
  @Field({ description: 'YYYY-MM' })
  month!: string;

  @Field(() => Float)
  averageScore!: number;

  @Field(() => Int)
  assessments!: number;
}

@ObjectType('WeakSpot', { description: 'A family or control, by its average latest score.' })
export class WeakSpotObject {
  @Field()
  id!: string;

  @Field(() => String, { nullable: true })
  title!: string | null;

  @Field(() => Float)
  averageScore!: number;

  @Field(() => Int)
  vendors!: number;
}

@ObjectType('DecliningVendor')
export class DecliningVendorObject {
  @Field(() => ID)
  vendorId!: string;

  @Field()
  vendorName!: string;

  @Field(() => Float)
  previous!: number;

  @Field(() => Float)
  latest!: number;

  @Field(() => Float)
  change!: number;
}

@ObjectType('CustomerStanding', { description: 'How one of your customers has scored you.' })
export class CustomerStandingObject {
  @Field()
  customerName!: string;

  @Field(() => Int)
  openAssessments!: number;

  @Field(() => Int)
  completedAssessments!: number;

  @Field(() => Float, { nullable: true })
  latestScore!: number | null;

  @Field(() => String, { nullable: true })
  latestRating!: string | null;

  @Field(() => Date, { nullable: true })
  latestCompletedAt!: Date | null;
}

@ObjectType('FailedQuestion')
export class FailedQuestionObject {
  @Field()
  questionId!: string;

  @Field()
  familyId!: string;

  @Field(() => String, { nullable: true })
  text!: string | null;

  @Field(() => Int, { description: 'Customers whose latest score has it below full marks.' })
  customers!: number;

  @Field(() => Float)
  averageCompliance!: number;
}
