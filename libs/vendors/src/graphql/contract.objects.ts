import { Field, ID, InputType, Int, ObjectType } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsISO8601,
  IsOptional,
  IsString,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';

const CHANNELS = ['phone', 'email', 'ticket', 'named_contact', 'portal'];

@ObjectType('IncidentNotificationClause')
@InputType('IncidentNotificationClauseInput')
export class IncidentNotificationType {
  @Field(() => Int, { description: 'Hours within which the MSP must notify you.' })
  @IsInt()
  @Min(0)
  @Max(8760)
  withinHours!: number;

  @Field(() => [String], { description: `How: ${CHANNELS.join(', ')}.` })
  @IsArray()
  @ArrayMaxSize(5)
  @IsIn(CHANNELS, { each: true })
  channels!: string[];
}

@ObjectType('BackupClause')
@InputType('BackupClauseInput')
export class BackupClauseType {
  @Field({ description: 'An isolated or offline copy is required.' })
  @IsBoolean()
  isolatedCopy!: boolean;

  @Field(() => Int, { nullable: true, description: 'Restores tested at least every N months.' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(60)
  restoreTestMonths?: number;
}

@ObjectType('ContractClauses', {
  description: 'The advisory’s contract points as typed terms; null means the contract is silent.',
})
@InputType('ContractClausesInput')
export class ContractClausesType {
  @Field(() => IncidentNotificationType, { nullable: true })
  @IsOptional()
  @ValidateNested()
  @Type(() => IncidentNotificationType)
  incidentNotification?: IncidentNotificationType;

  @Field(() => Int, { nullable: true })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(240)
  logRetentionMonths?: number;

  @Field({ nullable: true })
  @IsOptional()
  @IsBoolean()
  mfaRequired?: boolean;

  @Field(() => BackupClauseType, { nullable: true })
  @IsOptional()
  @ValidateNested()
  @Type(() => BackupClauseType)
  backup?: BackupClauseType;

  @Field({ nullable: true })
  @IsOptional()
  @IsBoolean()
  auditRights?: boolean;

  @Field({ nullable: true })
  @IsOptional()
  @IsBoolean()
  subcontractorDisclosure?: boolean;

  @Field(() => Int, {
    nullable: true,
    description: 'Days after the end by which MSP access is removed.',
  })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(365)
  accessRemovalWithinDays?: number;

  @Field(() => [String], { nullable: true })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @IsString({ each: true })
  @MaxLength(200, { each: true })
  servicesBought?: string[];

  @Field(() => [String], { nullable: true })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @IsString({ each: true })
  @MaxLength(200, { each: true })
  servicesNotBought?: string[];
}

@InputType()
export class ContractInput {
  @Field()
  @IsString()
  @MaxLength(200)
  title!: string;

  @Field({ description: 'YYYY-MM-DD' })
  @IsISO8601({ strict: true })
  startsOn!: string;

  @Field(() => String, { nullable: true, description: 'YYYY-MM-DD' })
  @IsOptional()
  @IsISO8601({ strict: true })
  endsOn?: string;

  @Field(() => String, { nullable: true, description: 'Next renewal, YYYY-MM-DD.' })
  @IsOptional()
  @IsISO8601({ strict: true })
  renewsOn?: string;

  @Field(() => ContractClausesType)
  @ValidateNested()
  @Type(() => ContractClausesType)
  clauses!: ContractClausesType;
}

@ObjectType('ClauseGap', {
  description: 'A clause the contract lacks, or one weaker than the advisory asks.',
})
export class ClauseGapObject {
  @Field()
  clause!: string;

  @Field({ description: 'missing or weak' })
  kind!: string;

  @Field()
  message!: string;
}

@ObjectType('Contract')
export class ContractObject {
  @Field(() => ID)
  id!: string;

  @Field(() => ID)
  vendorId!: string;

  @Field()
  title!: string;

  @Field()
  startsOn!: string;

  @Field(() => String, { nullable: true })
  endsOn!: string | null;

  @Field(() => String, { nullable: true })
  renewsOn!: string | null;

  @Field(() => ContractClausesType)
  clauses!: ContractClausesType;

  @Field(() => [ClauseGapObject])
  gaps!: ClauseGapObject[];

  @Field(() => Int)
  version!: number;
}
