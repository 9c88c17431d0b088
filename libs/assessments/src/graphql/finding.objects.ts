import { Field, Float, ID, ObjectType, registerEnumType } from '@nestjs/graphql';
import type { FindingEntity } from '../entities/finding.entity.js';
import type { FindingUpdateEntity } from '../entities/finding-update.entity.js';

export const FindingSeverityEnum = {
  LOW: 'low',
  MEDIUM: 'medium',
  HIGH: 'high',
  CRITICAL: 'critical',
} as const;
registerEnumType(FindingSeverityEnum, { name: 'FindingSeverity' });

export const FindingStatusEnum = {
  OPEN: 'open',
  PLANNED: 'planned',
  IN_PROGRESS: 'in_progress',
  RESOLVED: 'resolved',
  VERIFIED: 'verified',
  ACCEPTED: 'accepted',
  REOPENED: 'reopened',
} as const;
registerEnumType(FindingStatusEnum, {
  name: 'FindingStatus',
  description:
    'open → planned → in progress → resolved (by the vendor) → verified (by the customer); accepted (a risk the customer lives with until a date) and reopened.',
});

@ObjectType('Milestone')
export class MilestoneObject {
  @Field()
  title!: string;

  @Field({ description: 'YYYY-MM-DD.' })
  dueOn!: string;

  @Field(() => String, { nullable: true })
  doneOn!: string | null;
}

@ObjectType('UpdateEvidence', { description: 'A file posted with an update.' })
export class UpdateEvidenceObject {
  @Field(() => ID)
  id!: string;

  @Field()
  filename!: string;

  @Field()
  mediaType!: string;

  @Field()
  size!: number;

  @Field({ description: 'SHA-256 of the content, hex.' })
  sha256!: string;
}

@ObjectType('FindingUpdate', { description: "One entry of a finding's history." })
export class FindingUpdateObject {
  @Field(() => ID)
  id!: string;

  @Field({ description: 'customer or msp: who wrote it.' })
  side!: string;

  @Field(() => String, { nullable: true, description: "The author's name." })
  authorName!: string | null;

  @Field({ description: 'plan, progress, resolved, verified, accepted, reopened or expired.' })
  kind!: string;

  @Field(() => String, { nullable: true })
  text!: string | null;

  @Field(() => FindingStatusEnum, { nullable: true })
  fromStatus!: string | null;

  @Field(() => FindingStatusEnum, { nullable: true })
  toStatus!: string | null;

  @Field(() => [UpdateEvidenceObject])
  evidence!: UpdateEvidenceObject[];

  @Field()
  createdAt!: Date;
}

/** What both sides see of a finding. */
@ObjectType({ isAbstract: true })
export class FindingCore {
  @Field(() => ID)
  id!: string;

  @Field()
  questionId!: string;

  @Field()
  familyId!: string;

  @Field({ description: 'The question, as asked.' })
  title!: string;

  @Field(() => String, { nullable: true })
  detail!: string | null;

  @Field(() => FindingSeverityEnum)
  severity!: string;

  @Field(() => FindingStatusEnum)
  status!: string;

  @Field(() => [String], { description: 'Mapped controls, as framework:id.' })
  controls!: string[];

  @Field(() => String, { nullable: true, description: 'Who fixes it.' })
  planOwner!: string | null;

  @Field(() => String, { nullable: true })
  planDueOn!: string | null;

  @Field(() => [MilestoneObject])
  milestones!: MilestoneObject[];

  @Field()
  raisedAt!: Date;
}

@ObjectType('Finding', { description: 'A gap you hold against a vendor.' })
export class FindingObject extends FindingCore {
  @Field(() => ID)
  vendorId!: string;

  @Field(() => ID)
  assessmentId!: string;

  @Field({ description: 'automatic (below the pass level at completion) or manual.' })
  source!: string;

  @Field(() => Float, { nullable: true })
  compliance!: number | null;

  @Field(() => [ID])
  evidenceIds!: string[];

  @Field(() => Boolean, {
    description:
      'Whether the vendor works on this finding in Cascade: it then plans and resolves it there.',
  })
  sharedWithVendor!: boolean;
}

export function controlList(finding: FindingEntity): string[] {
  return Object.entries(finding.controls).flatMap(([framework, ids]) =>
    (ids ?? []).map((id) => `${framework}:${id}`),
  );
}

export function findingCore(finding: FindingEntity): FindingCore {
  return {
    id: finding.id,
    questionId: finding.questionId,
    familyId: finding.familyId,
    title: finding.title,
    detail: finding.detail,
    severity: finding.severity,
    status: finding.status,
    controls: controlList(finding),
    planOwner: finding.planOwner,
    planDueOn: finding.planDueOn,
    milestones: finding.milestones,
    raisedAt: finding.raisedAt,
  };
}

export function updateView(update: FindingUpdateEntity): FindingUpdateObject {
  return { ...update, evidence: [...update.evidence] };
}
