import { ArgsType, Field, ID, InputType } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsOptional,
  IsString,
  IsUUID,
  MaxLength,
  ValidateNested,
} from 'class-validator';
import { FINDING_STATUSES, type FindingStatus } from '../entities/finding.entity.js';
import { REMEDIATION_STATES, type RemediationState } from '../entities/remediation-item.entity.js';
import { MAX_MILESTONES } from '../remediation/remediation-plan.js';
import { MAX_FINDINGS_PER_LINK } from '../remediation/remediation-items.service.js';
import { AnswerValueInput } from './answer-value.objects.js';
import { FindingStatusEnum } from './finding.objects.js';
import { PageArgs } from './page.args.js';
import { RemediationStateEnum } from './remediation.objects.js';

@InputType('MilestoneInput')
export class MilestoneInput {
  @Field()
  @IsString()
  @MaxLength(300)
  title!: string;

  @Field({ description: 'YYYY-MM-DD, by the plan’s due date.' })
  @IsString()
  @MaxLength(10)
  dueOn!: string;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(10)
  doneOn?: string | null;
}

@InputType('RemediationPlanInput')
export class PlanInputObject {
  @Field({ description: 'YYYY-MM-DD, today or later.' })
  @IsString()
  @MaxLength(10)
  dueOn!: string;

  @Field(() => [MilestoneInput], { defaultValue: [] })
  @IsArray()
  @ArrayMaxSize(MAX_MILESTONES)
  @ValidateNested({ each: true })
  @Type(() => MilestoneInput)
  milestones: MilestoneInput[] = [];
}

@InputType('FindingPlanInput', { description: 'A plan you keep for a vendor not on Cascade.' })
export class FindingPlanInput extends PlanInputObject {
  @Field({ description: 'Who fixes it, by name.' })
  @IsString()
  @MaxLength(200)
  owner!: string;
}

@InputType('RemediationItemPlanInput')
export class ItemPlanInput extends PlanInputObject {
  @Field(() => ID, { nullable: true, description: 'A member of your organization.' })
  @IsOptional()
  @IsUUID()
  ownerUserId?: string;
}

@InputType('CreateRemediationItemInput')
export class CreateRemediationItemInput extends PlanInputObject {
  @Field()
  @IsString()
  @MaxLength(300)
  title!: string;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(4000)
  description?: string | null;

  @Field(() => ID, { nullable: true, description: 'The question the item fixes.' })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  questionId?: string | null;

  @Field(() => ID, { description: 'A member of your organization.' })
  @IsUUID()
  ownerUserId!: string;

  @Field(() => [ID], { defaultValue: [] })
  @IsArray()
  @ArrayMaxSize(MAX_FINDINGS_PER_LINK)
  @IsUUID('all', { each: true })
  findingIds: string[] = [];
}

@InputType('FixedAnswerInput', {
  description:
    'The answer that is true now the gap is fixed; the customer’s assessment takes it when the customer verifies.',
})
export class FixedAnswerInput extends AnswerValueInput {}

@ArgsType()
export class FindingPageArgs extends PageArgs {
  @Field(() => FindingStatusEnum, { nullable: true })
  @IsOptional()
  @IsIn(FINDING_STATUSES)
  status?: FindingStatus;
}

@ArgsType()
export class MspFindingsArgs extends FindingPageArgs {
  @Field(() => ID, { nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  questionId?: string;

  @Field(() => String, { nullable: true, description: 'framework:id, e.g. csf:PR.AA-03.' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  control?: string;

  @Field(() => ID, { nullable: true })
  @IsOptional()
  @IsUUID()
  remediationItemId?: string;
}

@ArgsType()
export class RemediationItemsArgs extends PageArgs {
  @Field(() => RemediationStateEnum, { nullable: true })
  @IsOptional()
  @IsIn(REMEDIATION_STATES)
  state?: RemediationState;
}

@ArgsType()
export class PostRemediationUpdateArgs {
  @Field(() => ID)
  @IsUUID()
  itemId!: string;

  @Field()
  @IsString()
  @MaxLength(4000)
  text!: string;

  @Field(() => Boolean, {
    defaultValue: false,
    description: 'Marks the work started: linked findings move to in progress.',
  })
  @IsBoolean()
  started = false;

  @Field(() => [ID], {
    defaultValue: [],
    description: 'Files uploaded to the item (POST /remediation-items/:id/evidence).',
  })
  @IsArray()
  @ArrayMaxSize(20)
  @IsUUID('all', { each: true })
  evidenceIds: string[] = [];
}
