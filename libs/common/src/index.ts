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
export { isPlainName, PLAIN_NAME_RULE } from './text/plain-name.js';
export { ArchiveRejectedError } from './zip/archive.errors.js';
export { inspectZip, type PartWatcher } from './zip/inspect-zip.js';
export type { ZipEntry } from './zip/zip-directory.js';
export type { ZipLimits } from './zip/zip-limits.js';
export { isSpreadsheetRefusal, SpreadsheetSandbox } from './spreadsheet/spreadsheet-sandbox.js';
export type {
  SpreadsheetSandboxSettings,
  SpreadsheetShape,
} from './spreadsheet/spreadsheet-limits.js';
export { SpreadsheetRejectedError } from './spreadsheet/spreadsheet.errors.js';
export { type SheetCell, SheetView, SpreadsheetView } from './spreadsheet/spreadsheet-snapshot.js';
export { SpreadsheetModule } from './spreadsheet/spreadsheet.module.js';
