import { Field, ID, InputType, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsEmail,
  IsIn,
  IsOptional,
  IsString,
  IsUUID,
  MaxLength,
  ValidateNested,
} from 'class-validator';
import { INTAKE_SCALES } from '../criticality.js';

@ObjectType('VendorService')
@InputType('VendorServiceInput')
export class VendorServiceType {
  @Field()
  @IsString()
  @MaxLength(200)
  name!: string;

  @Field({ description: 'Covered by the assessment.' })
  @IsBoolean()
  inScope!: boolean;
}

@ObjectType('VendorAccess', { description: 'What the MSP can reach in your environment.' })
@InputType('VendorAccessInput')
export class VendorAccessType {
  @Field(() => [String], { description: 'e.g. RMM agent, VPN, remote-support tool.' })
  @IsArray()
  @ArrayMaxSize(50)
  @IsString({ each: true })
  @MaxLength(200, { each: true })
  remoteAccessTools!: string[];

  @Field(() => [String], { description: 'e.g. domain admin, global admin, backup operator.' })
  @IsArray()
  @ArrayMaxSize(50)
  @IsString({ each: true })
  @MaxLength(200, { each: true })
  privilegedAccounts!: string[];

  @Field(() => [String], { description: 'Which of your systems they reach.' })
  @IsArray()
  @ArrayMaxSize(100)
  @IsString({ each: true })
  @MaxLength(200, { each: true })
  systems!: string[];
}

@ObjectType('VendorContact')
@InputType('VendorContactInput')
export class VendorContactType {
  @Field()
  @IsString()
  @MaxLength(200)
  name!: string;

  @Field()
  @IsEmail()
  @MaxLength(320)
  email!: string;

  @Field(() => String, { nullable: true, description: 'Their job, e.g. account manager.' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  title?: string;
}

const scale = (values: readonly string[]) =>
  Object.fromEntries(values.map((v) => [v.toUpperCase(), v]));
export const DataAccessEnum = scale(INTAKE_SCALES.dataAccess);
export const PrivilegedAccessEnum = scale(INTAKE_SCALES.privilegedAccess);
export const BusinessImpactEnum = scale(INTAKE_SCALES.businessImpact);
export const SubstitutabilityEnum = scale(INTAKE_SCALES.substitutability);
registerEnumType(DataAccessEnum, { name: 'DataAccess' });
registerEnumType(PrivilegedAccessEnum, { name: 'PrivilegedAccess' });
registerEnumType(BusinessImpactEnum, { name: 'BusinessImpact' });
registerEnumType(SubstitutabilityEnum, { name: 'Substitutability' });

@ObjectType('VendorIntake', { description: 'The inherent-risk intake that sets the tier.' })
@InputType('VendorIntakeInput')
export class VendorIntakeType {
  @Field(() => DataAccessEnum)
  @IsIn([...INTAKE_SCALES.dataAccess])
  dataAccess!: (typeof INTAKE_SCALES.dataAccess)[number];

  @Field(() => PrivilegedAccessEnum)
  @IsIn([...INTAKE_SCALES.privilegedAccess])
  privilegedAccess!: (typeof INTAKE_SCALES.privilegedAccess)[number];

  @Field(() => BusinessImpactEnum)
  @IsIn([...INTAKE_SCALES.businessImpact])
  businessImpact!: (typeof INTAKE_SCALES.businessImpact)[number];

  @Field(() => SubstitutabilityEnum)
  @IsIn([...INTAKE_SCALES.substitutability])
  substitutability!: (typeof INTAKE_SCALES.substitutability)[number];
}

@InputType()
export class VendorInput {
  @Field()
  @IsString()
  @MaxLength(200)
  name!: string;

  @Field(() => [String], { defaultValue: [] })
  @IsArray()
  @ArrayMaxSize(20)
  @IsString({ each: true })
  @MaxLength(253, { each: true })
  domains: string[] = [];

  @Field(() => [VendorServiceType], { defaultValue: [] })
  @IsArray()
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => VendorServiceType)
  services: VendorServiceType[] = [];

  @Field(() => VendorAccessType)
  @ValidateNested()
  @Type(() => VendorAccessType)
  access!: VendorAccessType;

  @Field(() => ID, { nullable: true, description: 'The member who owns the relationship.' })
  @IsOptional()
  @IsUUID()
  ownerUserId?: string;

  @Field(() => [VendorContactType], { defaultValue: [] })
  @IsArray()
  @ArrayMaxSize(20)
  @ValidateNested({ each: true })
  @Type(() => VendorContactType)
  contacts: VendorContactType[] = [];

  @Field(() => [String], { defaultValue: [] })
  @IsArray()
  @ArrayMaxSize(30)
  @IsString({ each: true })
  @MaxLength(50, { each: true })
  tags: string[] = [];

  @Field(() => VendorIntakeType)
  @ValidateNested()
  @Type(() => VendorIntakeType)
  intake!: VendorIntakeType;
}

@ObjectType('Vendor', { description: 'An MSP in your inventory.' })
export class VendorObject {
  @Field(() => ID)
  id!: string;

  @Field()
  name!: string;

  @Field(() => [String])
  domains!: string[];

  @Field(() => [VendorServiceType])
  services!: VendorServiceType[];

  @Field(() => VendorAccessType)
  access!: VendorAccessType;

  @Field(() => ID, { nullable: true })
  ownerUserId!: string | null;

  @Field(() => [VendorContactType])
  contacts!: VendorContactType[];

  @Field(() => [String])
  tags!: string[];

  @Field(() => VendorIntakeType)
  intake!: VendorIntakeType;

  @Field(() => Int, { description: '1 (most critical) to 4.' })
  tier!: number;

  @Field(() => Int, {
    nullable: true,
    description: 'A risk manager’s tier, when it overrides the intake’s.',
  })
  tierOverride!: number | null;

  @Field(() => String, { nullable: true })
  tierOverrideReason!: string | null;

  @Field(() => Date, {
    nullable: true,
    description:
      'When the MSP’s own organization on Cascade accepted an invitation and took over answering.',
  })
  linkedAt!: Date | null;

  @Field(() => Int, { description: 'Send it back with an update; a stale one is refused.' })
  version!: number;

  @Field()
  createdAt!: Date;

  @Field()
  updatedAt!: Date;
}

@ObjectType('VendorConnection')
export class VendorConnection {
  @Field(() => [VendorObject])
  nodes!: VendorObject[];

  @Field(() => String, { nullable: true, description: 'Pass as `after` for the next page.' })
  endCursor!: string | null;

  @Field()
  hasNextPage!: boolean;
}
