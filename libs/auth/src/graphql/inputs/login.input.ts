import { PASSWORD_MAX_LENGTH } from '@app/identity';
import { Field, ID, InputType } from '@nestjs/graphql';
import { IsOptional, IsString, IsUUID, MaxLength } from 'class-validator';

@InputType()
export class LoginInput {
  @Field()
  @IsString()
  @MaxLength(320)
  email!: string;

  @Field()
  @IsString()
  @MaxLength(PASSWORD_MAX_LENGTH * 4)
  password!: string;

  @Field(() => ID, { nullable: true, description: 'Defaults to your first organization.' })
  @IsOptional()
  @IsUUID()
  organizationId?: string;
}

@InputType()
export class ChangePasswordInput {
  @Field()
  @IsString()
  @MaxLength(PASSWORD_MAX_LENGTH * 4)
  currentPassword!: string;

  @Field()
  @IsString()
  @MaxLength(PASSWORD_MAX_LENGTH * 4)
  newPassword!: string;
}
