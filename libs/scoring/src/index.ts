export { monthsSince } from './answer-age.js';
export { complianceValue, hasAnswer, isNotApplicable } from './compliance-value.js';
export { DEFAULT_RESIDUAL_MATRIX, residualRisk } from './residual-risk.js';
export {
  checkRatingBands,
  DEFAULT_RATING_BANDS,
  KNOCKOUT_CAP,
  ratingForScore,
  worseOf,
} from './risk-rating.js';
export { DEFAULT_PASS_LEVEL, scoreAssessment } from './score-assessment.js';
export { controlCategory, type FrameworkLevel, scoreByFramework } from './score-by-framework.js';
export * from './scoring.errors.js';
export * from './scoring.types.js';
