import { InvalidInputError } from '@app/common';
import { Field, InputType, Int, registerEnumType } from '@nestjs/graphql';
import { IsEnum, IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import type {
  ControlFamily,
  Question,
  QuestionnaireTemplate,
} from '../templates/template.types.js';

export enum DraftEditAction {
  SET_QUESTION_WEIGHT = 'SET_QUESTION_WEIGHT',
  EDIT_QUESTION_TEXT = 'EDIT_QUESTION_TEXT',
  REMOVE_QUESTION = 'REMOVE_QUESTION',
  ADD_QUESTION = 'ADD_QUESTION',
  ADD_FAMILY = 'ADD_FAMILY',
  EDIT_FAMILY = 'EDIT_FAMILY',
}
registerEnumType(DraftEditAction, { name: 'DraftEditAction' });

@InputType({ description: 'One change to a draft; which fields apply depends on the action.' })
export class TemplateDraftEditInput {
  @Field(() => DraftEditAction)
  @IsEnum(DraftEditAction)
  action!: DraftEditAction;

  @Field({ nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(40)
  questionId?: string;

  @Field({ nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(63)
  familyId?: string;

  @Field(() => Int, { nullable: true })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(5)
  weight?: number;

  @Field({ nullable: true, description: 'Question text, or family title.' })
  @IsOptional()
  @IsString()
  @MaxLength(4000)
  text?: string;

  @Field({ nullable: true, description: 'Question help, or family guidance.' })
  @IsOptional()
  @IsString()
  @MaxLength(4000)
  help?: string;

  @Field({
    nullable: true,
    description:
      'ADD_QUESTION / ADD_FAMILY: the new question or family as JSON, in the questionnaire schema.',
  })
  @IsOptional()
  @IsString()
  @MaxLength(100_000)
  definition?: string;
}

function required<T>(value: T | undefined, name: string): T {
  if (value === undefined)
    throw new InvalidInputError('EDIT_INCOMPLETE', `This edit needs ${name}.`);
  return value;
}

function parseDefinition<T>(json: string | undefined): T {
  try {
    return JSON.parse(required(json, 'a definition')) as T;
  } catch (error) {
    if (error instanceof InvalidInputError) throw error;
    throw new InvalidInputError('EDIT_DEFINITION_INVALID', 'The definition is not valid JSON.');
  }
}

const mapQuestions = (
  template: QuestionnaireTemplate,
  id: string,
  change: (q: Question) => Question | null,
) => {
  let found = false;
  const families = template.families.map((family) => ({
    ...family,
    questions: family.questions.flatMap((question) => {
      if (question.id !== id) return [question];
      found = true;
      const changed = change(question);
      return changed ? [changed] : [];
    }),
  }));
  if (!found)
    throw new InvalidInputError('QUESTION_NOT_IN_DRAFT', `The draft has no question ${id}.`);
  return { ...template, families };
};

function requireFamily(template: QuestionnaireTemplate, familyId: string | undefined): string {
  const id = required(familyId, 'a familyId');
  if (!template.families.some((f) => f.id === id)) {
    throw new InvalidInputError('FAMILY_NOT_IN_DRAFT', `The draft has no family ${id}.`);
  }
  return id;
}

/** Turns an edit into a function over the draft; the catalog validates the result. */
export function applyDraftEdit(
  edit: TemplateDraftEditInput,
): (t: QuestionnaireTemplate) => QuestionnaireTemplate {
  switch (edit.action) {
    case DraftEditAction.SET_QUESTION_WEIGHT:
      return (t) =>
        mapQuestions(t, required(edit.questionId, 'a questionId'), (q) => ({
          ...q,
          weight: required(edit.weight, 'a weight'),
        }));
    case DraftEditAction.EDIT_QUESTION_TEXT:
      return (t) =>
        mapQuestions(t, required(edit.questionId, 'a questionId'), (q) => ({
          ...q,
          text: edit.text ?? q.text,
          ...(edit.help !== undefined ? { help: edit.help } : {}),
        }));
    case DraftEditAction.REMOVE_QUESTION:
      return (t) => mapQuestions(t, required(edit.questionId, 'a questionId'), () => null);
    case DraftEditAction.ADD_QUESTION:
      return (t) => {
        const familyId = requireFamily(t, edit.familyId);
        const question = parseDefinition<Question>(edit.definition);
        return {
          ...t,
          families: t.families.map((f) =>
            f.id === familyId ? { ...f, questions: [...f.questions, question] } : f,
          ),
        };
      };
    case DraftEditAction.ADD_FAMILY:
      return (t) => ({
        ...t,
        families: [...t.families, parseDefinition<ControlFamily>(edit.definition)],
      });
    case DraftEditAction.EDIT_FAMILY:
      return (t) => {
        const familyId = requireFamily(t, edit.familyId);
        return {
          ...t,
          families: t.families.map((f) =>
            f.id === familyId
              ? { ...f, title: edit.text ?? f.title, guidance: edit.help ?? f.guidance }
              : f,
          ),
        };
      };
  }
}
