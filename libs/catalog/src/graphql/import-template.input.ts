import { Field, InputType, registerEnumType } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import {
  IsArray,
  IsBase64,
  IsEnum,
  IsIn,
  IsString,
  Matches,
  MaxLength,
  ValidateNested,
} from 'class-validator';
import { QUESTION_COLUMNS } from '../import/question-rows.js';

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

@InputType()
export class ImportTemplateInput {
  @Field(() => ImportFormatEnum)
  @IsEnum(ImportFormatEnum)
  format!: ImportFormatEnum;

  @Field()
  @IsString()
  @MaxLength(200)
  fileName!: string;

  @Field({ description: 'The file, base64-encoded (the request body is limited to 256 KB).' })
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
  columnMapping: ColumnMappingInput[] = [];
}
