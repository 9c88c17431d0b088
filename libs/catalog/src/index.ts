import { BuiltinTemplateEntity } from './entities/builtin-template.entity.js';
import { TenantTemplateVersionEntity } from './entities/tenant-template-version.entity.js';
import { TenantTemplateEntity } from './entities/tenant-template.entity.js';

export * from './expressions/index.js';
export { type ControlCatalog, loadControlCatalog } from './templates/control-catalog.js';
export {
  type FileProblem,
  type LoadedTemplates,
  loadTemplates,
} from './templates/load-templates.js';
export * from './templates/template.types.js';
export {
  schemaValidator,
  type TemplateProblem,
  validateTemplate,
} from './templates/validate-template.js';
export { visibleQuestions } from './templates/visible-questions.js';
export { exampleAnswer } from './templates/example-answer.js';
export { BuiltinTemplateEntity, TenantTemplateEntity, TenantTemplateVersionEntity };

export const CATALOG_ENTITIES = [
  BuiltinTemplateEntity,
  TenantTemplateEntity,
  TenantTemplateVersionEntity,
];
export {
  BuiltinCatalogSync,
  contentHash,
  InvalidCatalogError,
  syncBuiltinCatalog,
} from './builtin-catalog-sync.js';
export * from './catalog.errors.js';
export { CatalogModule } from './catalog.module.js';
export {
  CatalogService,
  type ControlMatch,
  type TemplateRef,
  type TemplateSummary,
  type TemplateVersionView,
} from './catalog.service.js';
export { diffTemplates, type TemplateChange } from './templates/template-diff.js';
export { CatalogGraphqlModule } from './catalog-graphql.module.js';
export { ImportFailedError, type ImportProblem } from './import/import.errors.js';
export {
  type ImportFormat,
  type ImportRequest,
  MAX_IMPORT_BYTES,
} from './import/import-template.js';
export { QUESTION_COLUMNS, type QuestionColumn } from './import/question-rows.js';
