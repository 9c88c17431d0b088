export { type Actor, SYSTEM_ACTOR } from './context/actor.js';
export { MissingTenantContextError } from './context/context.errors.js';
export { ContextModule, correlationIdFor } from './context/context.module.js';
export { type ContextScope, type ContextStore, RequestContext } from './context/request-context.js';
export { type BatchLoad, RequestLoaders } from './context/request-loaders.js';
export {
  ConflictError,
  DomainError,
  type DomainErrorKind,
  ForbiddenError,
  InvalidInputError,
  NotFoundError,
  RateLimitedError,
  TooLargeError,
  UnauthenticatedError,
} from './errors/domain-error.js';
export { addDays, addMonths, Clock, ManualClock } from './time/clock.js';
export { PageInfoObject } from './graphql/page-info.object.js';
