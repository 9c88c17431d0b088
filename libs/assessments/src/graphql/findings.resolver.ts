import { RequirePermission } from '@app/access';
import { RequestLoaders } from '@app/common';
import { ParseUUIDPipe } from '@nestjs/common';
import {
  Args,
  ArgsType,
  Field,
  ID,
  Mutation,
  ObjectType,
  Parent,
  Query,
  ResolveField,
  Resolver,
} from '@nestjs/graphql';
import { IsIn, IsOptional, IsUUID } from 'class-validator';
import {
  FINDING_SEVERITIES,
  type FindingEntity,
  type FindingSeverity,
  type FindingStatus,
} from '../entities/finding.entity.js';
import { FindingsService } from '../findings/findings.service.js';
import { CustomerRemediationService } from '../remediation/customer-remediation.service.js';
import { InvalidPlanError } from '../remediation/remediation.errors.js';
import {
  findingCore,
  FindingObject,
  FindingSeverityEnum,
  FindingStatusEnum,
  FindingUpdateObject,
  updateView,
} from './finding.objects.js';
import { FindingPageArgs, FindingPlanInput } from './remediation.inputs.js';
import { RiskAcceptanceObject } from './remediation.objects.js';

export { FindingSeverityEnum } from './finding.objects.js';

@ObjectType('FindingConnection')
class FindingConnection {
  @Field(() => [FindingObject])
  nodes!: FindingObject[];

  @Field(() => String, { nullable: true })
  endCursor!: string | null;

  @Field()
  hasNextPage!: boolean;
}

@ArgsType()
class FindingsArgs extends FindingPageArgs {
  @Field(() => ID, { nullable: true })
  @IsOptional()
  @IsUUID()
  vendorId?: string;

  @Field(() => FindingSeverityEnum, { nullable: true })
  @IsOptional()
  @IsIn(FINDING_SEVERITIES)
  severity?: FindingSeverity;
}

/** Statuses a note may record; verifying, accepting and reopening have mutations of their own. */
const RECORDABLE: readonly FindingStatus[] = ['in_progress', 'resolved'];

function view(finding: FindingEntity, shared: boolean): FindingObject {
  return {
    ...findingCore(finding),
    vendorId: finding.vendorId,
    assessmentId: finding.assessmentId,
    source: finding.source,
    compliance: finding.compliance,
    evidenceIds: finding.evidenceIds,
    sharedWithVendor: shared,
  };
}

/** The customer's findings, and its judgement on them. */
@Resolver(() => FindingObject)
export class FindingsResolver {
  constructor(
    private readonly findingsService: FindingsService,
    private readonly remediation: CustomerRemediationService,
    private readonly loaders: RequestLoaders,
  ) {}

  @Query(() => FindingConnection, { description: 'Findings against your vendors, newest first.' })
  @RequirePermission('findings:read')
  async findings(@Args() args: FindingsArgs): Promise<FindingConnection> {
    const page = await this.findingsService.list(args.first, args.after, {
      vendorId: args.vendorId,
      severity: args.severity,
      status: args.status,
    });
    return {
      nodes: page.findings.map((f) => view(f, page.shared.has(f.id))),
      endCursor: page.findings.at(-1)?.id ?? null,
      hasNextPage: page.hasNextPage,
    };
  }

  @Query(() => FindingObject)
  @RequirePermission('findings:read')
  async finding(@Args('id', { type: () => ID }, ParseUUIDPipe) id: string): Promise<FindingObject> {
    const found = await this.findingsService.get(id);
    return view(found.finding, found.shared);
  }

  @ResolveField(() => [FindingUpdateObject], {
    description: 'The history: your decisions and the vendor’s plan and progress, oldest first.',
  })
  async updates(@Parent() finding: FindingObject): Promise<FindingUpdateObject[]> {
    return (await this.loaders.load('finding-updates', this.updatesOf, finding.id)).map(updateView);
  }

  @ResolveField(() => [RiskAcceptanceObject], { description: 'Newest first; yours alone.' })
  acceptances(@Parent() finding: FindingObject): Promise<RiskAcceptanceObject[]> {
    return this.loaders.load('finding-acceptances', this.acceptancesOf, finding.id);
  }

  private readonly updatesOf = (ids: readonly string[]) => this.remediation.updatesOf(ids);
  private readonly acceptancesOf = (ids: readonly string[]) => this.remediation.acceptancesOf(ids);

  @Mutation(() => FindingObject, {
    description: 'Raises a finding on a question of an assessment under review or completed.',
  })
  @RequirePermission('findings:manage')
  async raiseFinding(
    @Args('assessmentId', { type: () => ID }, ParseUUIDPipe) assessmentId: string,
    @Args('questionId', { type: () => ID }) questionId: string,
    @Args('detail') detail: string,
    @Args('severity', { type: () => FindingSeverityEnum, nullable: true })
    severity: FindingSeverity | null,
  ): Promise<FindingObject> {
    const finding = await this.findingsService.raise(
      assessmentId,
      questionId,
      detail,
      severity ?? null,
    );
    return this.finding(finding.id);
  }

  @Mutation(() => FindingObject, {
    description: 'Keeps the plan for a finding whose vendor does not work on it in Cascade.',
  })
  @RequirePermission('findings:manage')
  async planFindingRemediation(
    @Args('id', { type: () => ID }, ParseUUIDPipe) id: string,
    @Args('plan') plan: FindingPlanInput,
  ): Promise<FindingObject> {
    return view(await this.remediation.plan(id, plan), false);
  }

  @Mutation(() => FindingObject, {
    description:
      'Adds a note to the history (the vendor sees it). For a vendor not on Cascade, status records its progress.',
  })
  @RequirePermission('findings:manage')
  async postFindingUpdate(
    @Args('id', { type: () => ID }, ParseUUIDPipe) id: string,
    @Args('text') text: string,
    @Args('status', { type: () => FindingStatusEnum, nullable: true }) status: FindingStatus | null,
  ): Promise<FindingObject> {
    if (status && !RECORDABLE.includes(status)) {
      throw new InvalidPlanError(
        'A note records in progress or resolved; verify, accept or reopen with their own mutations.',
      );
    }
    await this.remediation.post(id, text, status ?? undefined);
    return this.finding(id);
  }

  @Mutation(() => FindingObject, {
    description:
      'Confirms the vendor’s fix. A new answer the vendor gave replaces the old one and the assessment is scored again.',
  })
  @RequirePermission('findings:manage')
  async verifyFinding(
    @Args('id', { type: () => ID }, ParseUUIDPipe) id: string,
    @Args('note', { type: () => String, nullable: true }) note: string | null,
  ): Promise<FindingObject> {
    await this.remediation.verify(id, note ?? null);
    return this.finding(id);
  }

  @Mutation(() => FindingObject, {
    description: 'Reopens a resolved, verified or accepted finding.',
  })
  @RequirePermission('findings:manage')
  async reopenFinding(
    @Args('id', { type: () => ID }, ParseUUIDPipe) id: string,
    @Args('reason') reason: string,
  ): Promise<FindingObject> {
    await this.remediation.reopen(id, reason);
    return this.finding(id);
  }

  @Mutation(() => RiskAcceptanceObject, {
    description:
      'Accepts the risk until expiresOn (inclusive), with you as approver; the day after, the finding reopens.',
  })
  @RequirePermission('findings:accept_risk')
  acceptFindingRisk(
    @Args('id', { type: () => ID }, ParseUUIDPipe) id: string,
    @Args('justification') justification: string,
    @Args('expiresOn') expiresOn: string,
  ): Promise<RiskAcceptanceObject> {
    return this.remediation.acceptRisk(id, justification, expiresOn);
  }
}
