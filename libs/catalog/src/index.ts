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
