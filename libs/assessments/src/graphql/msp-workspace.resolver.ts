import { RequirePermission } from '@app/access';
import { RequestLoaders } from '@app/common';
import { ParseUUIDPipe } from '@nestjs/common';
import { Args, ID, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import type { RemediationItemEntity } from '../entities/remediation-item.entity.js';
import {
  type GroupBy,
  type MspFinding,
  MspWorkspaceService,
} from '../remediation/msp-workspace.service.js';
import { RemediationEvidenceService } from '../remediation/remediation-evidence.service.js';
import {
  RemediationItemsService,
  type RemediationItemView,
} from '../remediation/remediation-items.service.js';
import { inputValue } from './answer-value.objects.js';
import { findingCore, FindingUpdateObject, updateView } from './finding.objects.js';
import {
  CreateRemediationItemInput,
  FixedAnswerInput,
  ItemPlanInput,
  MspFindingsArgs,
  PostRemediationUpdateArgs,
  RemediationItemsArgs,
} from './remediation.inputs.js';
import {
  FindingGroupByEnum,
  FindingGroupObject,
  RemediationEvidenceObject,
  RemediationItemConnection,
  RemediationItemObject,
  VendorFindingConnection,
  VendorFindingObject,
} from './remediation.objects.js';

function findingView(row: MspFinding): VendorFindingObject {
  return {
    ...findingCore(row.finding),
    customerName: row.customerName,
    assessmentTitle: row.assessmentTitle,
    remediationItemId: row.finding.remediationItemId,
  };
}

function itemView({ item, statusCounts, customers }: RemediationItemView): RemediationItemObject {
  return {
    ...item,
    customers,
    findingsByStatus: Object.entries(statusCounts).map(([status, count]) => ({ status, count })),
  };
}

/**
 * The MSP workspace: findings every customer shared with you, grouped so that one remediation
 * item can answer many; each customer still verifies or accepts on its own.
 */
@Resolver()
export class MspWorkspaceResolver {
  constructor(
    private readonly workspace: MspWorkspaceService,
    private readonly items: RemediationItemsService,
  ) {}

  @Query(() => [FindingGroupObject], {
    description:
      'Findings raised against you, grouped by question or mapped control, most customers first.',
  })
  @RequirePermission('remediation:read')
  vendorFindingGroups(
    @Args('by', { type: () => FindingGroupByEnum, defaultValue: 'question' }) by: GroupBy,
    @Args('openOnly', { type: () => Boolean, defaultValue: true }) openOnly: boolean,
  ): Promise<FindingGroupObject[]> {
    return this.workspace.groups(by, openOnly);
  }

  @Query(() => VendorFindingConnection, {
    description: 'Findings raised against you, newest first.',
  })
  @RequirePermission('remediation:read')
  async vendorFindings(@Args() args: MspFindingsArgs): Promise<VendorFindingConnection> {
    const page = await this.workspace.findings(args.first, args.after, {
      questionId: args.questionId,
      control: args.control,
      remediationItemId: args.remediationItemId,
      status: args.status,
    });
    return {
      nodes: page.findings.map(findingView),
      endCursor: page.findings.at(-1)?.finding.id ?? null,
      hasNextPage: page.hasNextPage,
    };
  }

  @Query(() => VendorFindingObject, {
    description: 'One finding raised against you, with its history.',
  })
  @RequirePermission('remediation:read')
  async vendorFinding(
    @Args('id', { type: () => ID }, ParseUUIDPipe) id: string,
  ): Promise<VendorFindingObject> {
    return findingView(await this.workspace.finding(id));
  }

  @Query(() => RemediationItemConnection, { description: 'Your remediation items, newest first.' })
  @RequirePermission('remediation:read')
  async remediationItems(@Args() args: RemediationItemsArgs): Promise<RemediationItemConnection> {
    const page = await this.items.list(args.first, args.after, args.state);
    return {
      nodes: page.items.map(itemView),
      endCursor: page.items.at(-1)?.item.id ?? null,
      hasNextPage: page.hasNextPage,
    };
  }

  @Query(() => RemediationItemObject)
  @RequirePermission('remediation:read')
  async remediationItem(
    @Args('id', { type: () => ID }, ParseUUIDPipe) id: string,
  ): Promise<RemediationItemObject> {
    return itemView(await this.items.get(id));
  }

  @Mutation(() => RemediationItemObject, {
    description: 'One plan for many findings: each linked customer sees it on its own finding.',
  })
  @RequirePermission('remediation:manage')
  async createRemediationItem(
    @Args('input') input: CreateRemediationItemInput,
  ): Promise<RemediationItemObject> {
    return this.view(await this.items.create(input));
  }

  @Mutation(() => RemediationItemObject, {
    description: 'Adds findings to an item that is not resolved.',
  })
  @RequirePermission('remediation:manage')
  async linkFindingsToRemediationItem(
    @Args('itemId', { type: () => ID }, ParseUUIDPipe) itemId: string,
    @Args('findingIds', { type: () => [ID] }) findingIds: string[],
  ): Promise<RemediationItemObject> {
    return this.view(await this.items.link(itemId, findingIds));
  }

  @Mutation(() => RemediationItemObject, { description: 'A new due date, milestones or owner.' })
  @RequirePermission('remediation:manage')
  async replanRemediationItem(
    @Args('itemId', { type: () => ID }, ParseUUIDPipe) itemId: string,
    @Args('plan') plan: ItemPlanInput,
  ): Promise<RemediationItemObject> {
    return this.view(await this.items.replan(itemId, plan));
  }

  @Mutation(() => RemediationItemObject, {
    description: 'Progress, posted once and shown on every linked customer’s finding.',
  })
  @RequirePermission('remediation:manage')
  async postRemediationUpdate(
    @Args() args: PostRemediationUpdateArgs,
  ): Promise<RemediationItemObject> {
    return this.view(await this.items.post(args.itemId, args.text, args.started, args.evidenceIds));
  }

  @Mutation(() => RemediationItemObject, {
    description:
      'The fix is done: linked findings become resolved, for each customer to verify. answer: what you answer now.',
  })
  @RequirePermission('remediation:manage')
  async resolveRemediationItem(
    @Args('itemId', { type: () => ID }, ParseUUIDPipe) itemId: string,
    @Args('text') text: string,
    // Optional rather than `| null`: the validation pipe sees a union as Object and skips it.
    @Args('answer', { type: () => FixedAnswerInput, nullable: true })
    answer?: FixedAnswerInput,
  ): Promise<RemediationItemObject> {
    const fixed = answer
      ? { value: inputValue(answer, 'the answer'), notApplicable: answer.notApplicable }
      : null;
    return this.view(await this.items.resolve(itemId, text, fixed));
  }

  private async view(item: RemediationItemEntity): Promise<RemediationItemObject> {
    return itemView(await this.items.get(item.id));
  }
}

@Resolver(() => RemediationItemObject)
export class RemediationItemFieldsResolver {
  constructor(
    private readonly evidence: RemediationEvidenceService,
    private readonly loaders: RequestLoaders,
  ) {}

  @ResolveField(() => [RemediationEvidenceObject], {
    description: 'Files uploaded to the item; download at /remediation-items/:itemId/evidence/:id.',
  })
  async files(@Parent() item: RemediationItemObject): Promise<RemediationEvidenceObject[]> {
    return (await this.loaders.load('remediation-files', this.filesOf, item.id)).map((f) => ({
      id: f.id,
      fileName: f.fileName,
      mediaType: f.mediaType,
      sizeBytes: f.sizeBytes,
      sha256: f.sha256,
      uploadedAt: f.uploadedAt,
    }));
  }

  private readonly filesOf = (ids: readonly string[]) => this.evidence.listOf(ids);
}

@Resolver(() => VendorFindingObject)
export class VendorFindingFieldsResolver {
  constructor(
    private readonly workspace: MspWorkspaceService,
    private readonly loaders: RequestLoaders,
  ) {}

  @ResolveField(() => [FindingUpdateObject], {
    description: 'Its history: your plan and progress, and the customer’s decisions, oldest first.',
  })
  async updates(@Parent() finding: VendorFindingObject): Promise<FindingUpdateObject[]> {
    return (await this.loaders.load('vendor-finding-updates', this.updatesOf, finding.id)).map(
      updateView,
    );
  }

  private readonly updatesOf = (ids: readonly string[]) => this.workspace.updatesOf(ids);
}
