import { Field, ID, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { FindingCore, FindingStatusEnum, MilestoneObject } from './finding.objects.js';

export const RemediationStateEnum = {
  PLANNED: 'planned',
  IN_PROGRESS: 'in_progress',
  RESOLVED: 'resolved',
} as const;
registerEnumType(RemediationStateEnum, { name: 'RemediationState' });

export const FindingGroupByEnum = { QUESTION: 'question', CONTROL: 'control' } as const;
registerEnumType(FindingGroupByEnum, { name: 'FindingGroupBy' });

@ObjectType('RiskAcceptance', { description: 'A risk you live with until a date.' })
export class RiskAcceptanceObject {
  @Field(() => ID)
  id!: string;

  @Field()
  justification!: string;

  @Field(() => ID, { description: 'The member who approved it.' })
  approvedBy!: string;

  @Field()
  acceptedAt!: Date;

  @Field({ description: 'The last day it holds; the finding reopens the day after.' })
  expiresOn!: string;

  @Field(() => Date, { nullable: true })
  endedAt!: Date | null;

  @Field(() => String, { nullable: true, description: 'expired or reopened.' })
  endReason!: string | null;
}

@ObjectType('VendorFindingGroup', {
  description: 'Findings your customers raised that share a question or a control.',
})
export class FindingGroupObject {
  @Field({ description: 'The question id, or framework:id of the control.' })
  key!: string;

  @Field()
  title!: string;

  @Field(() => Int, { description: 'How many of your customers raised one.' })
  customers!: number;

  @Field(() => Int)
  findings!: number;

  @Field(() => Int, { description: 'Open, reopened, planned or in progress.' })
  open!: number;

  @Field(() => Int, { description: 'Open and covered by none of your remediation items.' })
  uncovered!: number;

  @Field()
  worstSeverity!: string;
}

@ObjectType('VendorFinding', { description: 'A finding a customer shared with you, its vendor.' })
export class VendorFindingObject extends FindingCore {
  @Field({ description: 'The customer that raised it.' })
  customerName!: string;

  @Field()
  assessmentTitle!: string;

  @Field(() => ID, { nullable: true })
  remediationItemId!: string | null;
}

@ObjectType('VendorFindingConnection')
export class VendorFindingConnection {
  @Field(() => [VendorFindingObject])
  nodes!: VendorFindingObject[];

  @Field(() => String, { nullable: true })
  endCursor!: string | null;

  @Field()
  hasNextPage!: boolean;
}

@ObjectType('RemediationEvidence')
export class RemediationEvidenceObject {
  @Field(() => ID)
  id!: string;

  @Field()
  fileName!: string;

  @Field()
  mediaType!: string;

  @Field(() => Int)
  sizeBytes!: number;

  @Field()
  sha256!: string;

  @Field()
  uploadedAt!: Date;
}

@ObjectType('FindingStatusCount')
export class StatusCountObject {
  @Field(() => FindingStatusEnum)
  status!: string;

  @Field(() => Int)
  count!: number;
}

@ObjectType('RemediationItem', { description: 'One fix for a gap many customers found.' })
export class RemediationItemObject {
  @Field(() => ID)
  id!: string;

  @Field()
  title!: string;

  @Field(() => String, { nullable: true })
  description!: string | null;

  @Field(() => String, { nullable: true })
  questionId!: string | null;

  @Field(() => ID)
  ownerUserId!: string;

  @Field()
  dueOn!: string;

  @Field(() => [MilestoneObject])
  milestones!: MilestoneObject[];

  @Field(() => RemediationStateEnum)
  state!: string;

  @Field()
  createdAt!: Date;

  @Field(() => Date, { nullable: true })
  resolvedAt!: Date | null;

  @Field(() => Int, { description: 'Customers whose findings it covers.' })
  customers!: number;

  @Field(() => [StatusCountObject], { description: 'Linked findings by status.' })
  findingsByStatus!: StatusCountObject[];
}

@ObjectType('RemediationItemConnection')
export class RemediationItemConnection {
  @Field(() => [RemediationItemObject])
  nodes!: RemediationItemObject[];

  @Field(() => String, { nullable: true })
  endCursor!: string | null;

  @Field()
  hasNextPage!: boolean;
}
