import { registerEnumType } from '@nestjs/graphql';
import { ANSWER_TYPES } from '@app/catalog';
import { ASSESSMENT_STATES } from '../lifecycle/assessment-states.js';

/** GraphQL names in capitals (as the rest of the schema), values as stored. */
const asEnum = <T extends string>(values: readonly T[]) =>
  Object.fromEntries(values.map((v) => [v.toUpperCase(), v])) as { [K in T as Uppercase<K>]: K };

export const AssessmentStateEnum = asEnum(ASSESSMENT_STATES);
registerEnumType(AssessmentStateEnum, {
  name: 'AssessmentState',
  description:
    'draft → sent → in_progress → submitted → in_review → completed (or changes_requested → submitted; or cancelled).',
});

export const ReviewStatusEnum = asEnum(['pending', 'accepted', 'flagged'] as const);
registerEnumType(ReviewStatusEnum, { name: 'ReviewStatus' });

export const ReviewDecisionEnum = asEnum(['accepted', 'flagged'] as const);
registerEnumType(ReviewDecisionEnum, { name: 'ReviewDecision' });

export const AnswerTypeEnum = asEnum(ANSWER_TYPES);
registerEnumType(AnswerTypeEnum, { name: 'AnswerType' });

export const SideEnum = asEnum(['customer', 'vendor', 'system'] as const);
registerEnumType(SideEnum, {
  name: 'AssessmentSide',
  description: 'Who acted: the customer, the vendor (MSP) or Cascade itself.',
});
