import { RequirePermission } from '@app/access';
import { ParseUUIDPipe } from '@nestjs/common';
import {
  Args,
  ArgsType,
  Field,
  Float,
  ID,
  Int,
  Mutation,
  ObjectType,
  Query,
  registerEnumType,
  Resolver,
} from '@nestjs/graphql';
import { IsIn, IsInt, IsOptional, IsString, IsUUID, Max, MaxLength, Min } from 'class-validator';
import { FINDING_SEVERITIES, type FindingSeverity } from '../entities/finding.entity.js';
import { FindingsService } from '../findings/findings.service.js';

export const FindingSeverityEnum = {
  LOW: 'low',
  MEDIUM: 'medium',
  HIGH: 'high',
  CRITICAL: 'critical',
} as const;
registerEnumType(FindingSeverityEnum, { name: 'FindingSeverity' });

@ObjectType('Finding', { description: 'A gap you hold against a vendor.' })
class FindingObject {
  @Field(() => ID)
  id!: string;

  @Field(() => ID)
  vendorId!: string;

  @Field(() => ID)
  assessmentId!: string;

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

  @Field()
  status!: string;

  @Field({ description: 'automatic (below the pass level at completion) or manual.' })
  source!: string;

  @Field(() => Float, { nullable: true })
  compliance!: number | null;

  @Field(() => [String], { description: 'Mapped controls, as framework:id.' })
  controls!: string[];

  @Field(() => [ID])
  evidenceIds!: string[];

  @Field()
  raisedAt!: Date;
}

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
class FindingsArgs {
  @Field(() => Int, { defaultValue: 20 })
  @IsInt()
  @Min(1)
  @Max(100)
  first = 20;

  @Field(() => ID, { nullable: true })
  @IsOptional()
  @IsUUID()
  after?: string;

  @Field(() => ID, { nullable: true })
  @IsOptional()
  @IsUUID()
  vendorId?: string;

  @Field(() => FindingSeverityEnum, { nullable: true })
  @IsOptional()
  @IsIn(FINDING_SEVERITIES)
  severity?: FindingSeverity;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(16)
  status?: string;
}

type Finding = Awaited<ReturnType<FindingsService['get']>>;

function view(finding: Finding): FindingObject {
  return {
    ...finding,
    controls: Object.entries(finding.controls).flatMap(([framework, ids]) =>
      (ids ?? []).map((id) => `${framework}:${id}`),
    ),
  };
}

@Resolver(() => FindingObject)
export class FindingsResolver {
  constructor(private readonly findingsService: FindingsService) {}

  @Query(() => FindingConnection, { description: 'Findings against your vendors, newest first.' })
  @RequirePermission('findings:read')
  async findings(@Args() args: FindingsArgs): Promise<FindingConnection> {
    const page = await this.findingsService.list(args.first, args.after, {
      vendorId: args.vendorId,
      severity: args.severity,
      status: args.status,
    });
    return {
      nodes: page.findings.map(view),
      endCursor: page.findings.at(-1)?.id ?? null,
      hasNextPage: page.hasNextPage,
    };
  }

  @Query(() => FindingObject)
  @RequirePermission('findings:read')
  async finding(@Args('id', { type: () => ID }, ParseUUIDPipe) id: string): Promise<FindingObject> {
    return view(await this.findingsService.get(id));
  }

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
    return view(
      await this.findingsService.raise(assessmentId, questionId, detail, severity ?? null),
    );
  }
}
