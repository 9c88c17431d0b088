import { PASSWORD_MAX_LENGTH } from '@app/identity';
import { Field, InputType } from '@nestjs/graphql';
import { IsBoolean, IsOptional, IsString, MaxLength } from 'class-validator';

@InputType()
export class SignUpInput {
  @Field()
  @IsString()
  @MaxLength(320)
  email!: string;

  @Field({ description: 'At least 10 characters, not from a breach list.' })
  @IsString()
  @MaxLength(PASSWORD_MAX_LENGTH * 4)
  password!: string;

  @Field()
  @IsString()
  @MaxLength(200)
  displayName!: string;

  @Field({ description: 'Your organization; you become its owner.' })
  @IsString()
  @MaxLength(200)
  organizationName!: string;

  @Field({ nullable: true, description: 'Sends assessments to vendors (default true).' })
  @IsOptional()
  @IsBoolean()
  assessesVendors?: boolean;

  @Field({ nullable: true, description: 'Answers assessments as an MSP (default false).' })
  @IsOptional()
  @IsBoolean()
  answersAssessments?: boolean;
}
