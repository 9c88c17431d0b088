import { Field, InputType, Int, registerEnumType } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBase64,
  IsBoolean,
  IsEnum,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateNested,
} from 'class-validator';
import { QUESTION_COLUMNS } from '../import/question-rows.js';
import { ANSWER_TYPES } from '../templates/template.types.js';

export enum ImportFormatEnum {
  CSV = 'csv',
  XLSX = 'xlsx',
  VSAQ_JSON = 'vsaq_json',
}
registerEnumType(ImportFormatEnum, { name: 'ImportFormat' });

export enum AudienceEnum {
  MSP = 'msp',
  CUSTOMER = 'customer',
}
registerEnumType(AudienceEnum, { name: 'TemplateAudience' });

@InputType({ description: 'Which header of your file holds one of the documented columns.' })
export class ColumnMappingInput {
  @Field({ description: `One of: ${QUESTION_COLUMNS.join(', ')}.` })
  @IsIn([...QUESTION_COLUMNS])
  column!: string;

  @Field({ description: 'The header in your file.' })
  @IsString()
  @MaxLength(200)
  header!: string;
}

@InputType({
  description:
    'Values for questions whose row leaves the cell empty, or whose file has no such column.',
})
export class ImportDefaultsInput {
  @Field({ nullable: true, description: `One of: ${ANSWER_TYPES.join(', ')}.` })
  @IsOptional()
  @IsIn([...ANSWER_TYPES])
  answerType?: string;

  @Field(() => Int, { nullable: true, description: 'Weight 0–5 (default 1; 0 for unscored).' })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(5)
  weight?: number;

  @Field({
    nullable: true,
    description: 'A scoring cell as the layout writes it, e.g. "yes=1;partial=0.5;no=0".',
  })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  scoring?: string;

  @Field({ nullable: true })
  @IsOptional()
  @IsBoolean()
  required?: boolean;
}

@InputType({
  description:
    'A column marking the rows of one level (e.g. ASVS "level1" with ✓): marked rows get the tag. With level columns, rows marked at no level are left out and listed in the description.',
})
export class LevelColumnInput {
  @Field({ description: 'The header in your file.' })
  @IsString()
  @MaxLength(200)
  header!: string;

  @Field({ description: 'The tag for rows marked in it, e.g. L1.' })
  @IsString()
  @MinLength(1)
  @MaxLength(40)
  tag!: string;

  @Field({
    defaultValue: false,
    description: 'Questions of this level are asked of every criticality tier (e.g. ASVS L1).',
  })
  @IsBoolean()
  everyTier: boolean = false;
}

@InputType()
export class ImportTemplateInput {
  @Field(() => ImportFormatEnum)
  @IsEnum(ImportFormatEnum)
  format!: ImportFormatEnum;

  @Field()
  @IsString()
  @MaxLength(200)
  fileName!: string;

  @Field({
    description:
      'The file, base64-encoded (the request body is limited to 256 KB, so files up to about 180 KB).',
  })
  @IsBase64()
  @MaxLength(350_000)
  contentBase64!: string;

  @Field({ description: 'Key of the new template in your catalog.' })
  @Matches(/^[a-z][a-z0-9-]{1,62}$/, {
    message: 'key must be lower-case letters, digits and dashes',
  })
  key!: string;

  @Field()
  @IsString()
  @MaxLength(200)
  title!: string;

  @Field(() => AudienceEnum, { defaultValue: AudienceEnum.MSP })
  @IsEnum(AudienceEnum)
  audience: AudienceEnum = AudienceEnum.MSP;

  @Field(() => [ColumnMappingInput], { defaultValue: [] })
  @IsArray()
  @ValidateNested({ each: true })
  @Type(() => ColumnMappingInput)
  @ArrayMaxSize(QUESTION_COLUMNS.length)
  columnMapping: ColumnMappingInput[] = [];

  @Field(() => ImportDefaultsInput, { nullable: true })
  @IsOptional()
  @ValidateNested()
  @Type(() => ImportDefaultsInput)
  defaults?: ImportDefaultsInput;

  @Field(() => [LevelColumnInput], { defaultValue: [] })
  @IsArray()
  @ArrayMaxSize(10)
  @ValidateNested({ each: true })
  @Type(() => LevelColumnInput)
  levelColumns: LevelColumnInput[] = [];
}
