import { PageInfoObject } from '@app/common';
import { ArgsType, Field, ID, InputType, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import {
  IsBoolean,
  IsInt,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
} from 'class-validator';
import { MAX_FRESHNESS_DAYS } from '../entities/library-answer.entity.js';
import { AnswerValueInput, AnswerValueObject } from './answer-value.objects.js';

export const LibraryGrantStatusEnum = {
  ACTIVE: 'active',
  EXPIRED: 'expired',
  REVOKED: 'revoked',
} as const;
registerEnumType(LibraryGrantStatusEnum, { name: 'LibraryGrantStatus' });

export const LibraryMatchEnum = { QUESTION: 'question', CONTROLS: 'controls' } as const;
registerEnumType(LibraryMatchEnum, {
  name: 'LibraryMatch',
  description: 'How a library answer matched: the same question id, or the same mapped controls.',
});

export const PrefillUnavailableEnum = { NO_GRANT: 'no_grant', CLOSED: 'closed' } as const;
registerEnumType(PrefillUnavailableEnum, {
  name: 'PrefillUnavailable',
  description:
    'Why nothing is offered: no active grant for this customer, or the assessment takes no answers.',
});

@ObjectType('LibraryEvidence', { description: 'A file kept with a library answer.' })
export class LibraryEvidenceObject {
  @Field()
  fileName!: string;

  @Field()
  mediaType!: string;

  @Field(() => Int)
  sizeBytes!: number;

  @Field({ description: 'SHA-256 of the content.' })
  sha256!: string;
}

@ObjectType('LibraryAnswer', { description: 'Your current answer to a question, kept to reuse.' })
export class LibraryAnswerObject {
  @Field(() => ID)
  questionId!: string;

  @Field()
  questionText!: string;

  @Field()
  answerType!: string;

  @Field(() => [String], { description: 'Mapped controls, as framework:id.' })
  controls!: string[];

  @Field(() => AnswerValueObject, { nullable: true })
  value!: AnswerValueObject | null;

  @Field(() => Boolean)
  notApplicable!: boolean;

  @Field(() => [LibraryEvidenceObject])
  evidence!: LibraryEvidenceObject[];

  @Field(() => String, { nullable: true })
  note!: string | null;

  @Field(() => Int)
  freshnessDays!: number;

  @Field(() => Date)
  confirmedAt!: Date;

  @Field(() => Date, { description: 'After this the answer must be re-confirmed to be used.' })
  freshUntil!: Date;

  @Field(() => Boolean, { description: 'Past freshUntil.' })
  stale!: boolean;

  @Field(() => Int)
  version!: number;
}

@ObjectType('LibraryAnswerEdge')
export class LibraryAnswerEdge {
  @Field()
  cursor!: string;

  @Field(() => LibraryAnswerObject)
  node!: LibraryAnswerObject;
}

@ObjectType('LibraryAnswerConnection')
export class LibraryAnswerConnection {
  @Field(() => [LibraryAnswerEdge])
  edges!: LibraryAnswerEdge[];

  @Field(() => PageInfoObject)
  pageInfo!: PageInfoObject;
}

@ObjectType('LibraryGrant', {
  description: 'Your consent that one customer’s assessments may be prefilled from your library.',
})
export class LibraryGrantObject {
  @Field(() => ID)
  id!: string;

  @Field()
  customerName!: string;

  @Field(() => ID, { description: 'The assessment in your inbox the grant was given from.' })
  assessmentId!: string;

  @Field(() => Date)
  grantedAt!: Date;

  @Field(() => Date)
  expiresAt!: Date;

  @Field(() => Date, { nullable: true })
  revokedAt!: Date | null;

  @Field(() => LibraryGrantStatusEnum)
  status!: string;
}

@ObjectType('LibraryUse', { description: 'One library answer applied to one question.' })
export class LibraryUseObject {
  @Field(() => ID)
  id!: string;

  @Field(() => ID)
  assessmentId!: string;

  @Field(() => ID, { description: 'The assessment’s question it answered.' })
  questionId!: string;

  @Field(() => ID)
  libraryQuestionId!: string;

  @Field(() => LibraryMatchEnum)
  matchedBy!: string;

  @Field(() => Boolean, { description: 'The answer was stale and re-confirmed to be used.' })
  reconfirmed!: boolean;

  @Field(() => Int)
  evidenceFiles!: number;

  @Field(() => ID, { nullable: true })
  usedBy!: string | null;

  @Field(() => Date)
  usedAt!: Date;
}

@ObjectType('LibraryUseConnection')
export class LibraryUseConnection {
  @Field(() => [LibraryUseObject])
  nodes!: LibraryUseObject[];

  @Field(() => String, { nullable: true })
  endCursor!: string | null;

  @Field()
  hasNextPage!: boolean;
}

@ObjectType('LibrarySuggestion')
export class LibrarySuggestionObject {
  @Field(() => ID, { description: 'The assessment’s question it would answer.' })
  questionId!: string;

  @Field(() => ID)
  libraryQuestionId!: string;

  @Field(() => LibraryMatchEnum)
  matchedBy!: string;

  @Field(() => AnswerValueObject, { nullable: true })
  value!: AnswerValueObject | null;

  @Field(() => Boolean)
  notApplicable!: boolean;

  @Field(() => [LibraryEvidenceObject])
  evidence!: LibraryEvidenceObject[];

  @Field(() => String, { nullable: true })
  note!: string | null;

  @Field(() => Date)
  confirmedAt!: Date;

  @Field(() => Date)
  freshUntil!: Date;

  @Field(() => Boolean, { description: 'Applying it needs reconfirm: true.' })
  stale!: boolean;
}

@ObjectType('LibraryPrefill')
export class LibraryPrefillObject {
  @Field(() => Boolean)
  available!: boolean;

  @Field(() => PrefillUnavailableEnum, { nullable: true })
  reason!: string | null;

  @Field(() => Date, { nullable: true })
  grantExpiresAt!: Date | null;

  @Field(() => [LibrarySuggestionObject])
  suggestions!: LibrarySuggestionObject[];
}

@ArgsType()
export class LibraryAnswersArgs {
  @Field(() => Int, { defaultValue: 20 })
  @IsInt()
  @Min(1)
  @Max(100)
  first = 20;

  @Field(() => String, { nullable: true, description: 'The last cursor you read.' })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  after?: string;

  @Field(() => Boolean, {
    nullable: true,
    description: 'true: only stale answers; false: only fresh ones.',
  })
  @IsOptional()
  @IsBoolean()
  stale?: boolean;
}

@InputType('PrefillChoiceInput')
export class PrefillChoiceInput {
  @Field(() => ID)
  @IsString()
  @MaxLength(64)
  questionId!: string;

  @Field(() => Boolean, {
    defaultValue: false,
    description: 'Confirms a stale library answer still holds (and renews it).',
  })
  @IsBoolean()
  reconfirm = false;
}

@InputType('LibraryAnswerInput')
export class LibraryAnswerInput extends AnswerValueInput {
  @Field({ description: 'A template you can read in the catalog.' })
  @IsString()
  @Matches(/^[a-z][a-z0-9-]{1,62}$/)
  templateKey!: string;

  @Field()
  @IsString()
  @Matches(/^\d+\.\d+\.\d+$/)
  templateVersion!: string;

  @Field(() => Boolean, { defaultValue: true })
  @IsBoolean()
  builtIn = true;

  @Field(() => ID)
  @IsString()
  @MaxLength(64)
  questionId!: string;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(4000)
  note?: string | null;

  @Field(() => Int, {
    nullable: true,
    description: `Days until re-confirmation is due (1 to ${MAX_FRESHNESS_DAYS}; default 365).`,
  })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(MAX_FRESHNESS_DAYS)
  freshnessDays?: number;
}
