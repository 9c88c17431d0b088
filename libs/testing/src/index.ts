export { createIntegrationContext, type IntegrationContext } from './integration-context.js';
export {
  createTestTenant,
  TEST_PASSWORD,
  type TestMember,
  type TestTenant,
} from './tenant-factory.js';
export { TEST_AUDIT_HMAC_KEYS, TEST_JWT_SECRET, testConfig } from './test-config.js';
export { createTestDatabase, type TestDatabase } from './test-database.js';
export { SAMPLE_NOT_APPLICABLE_REASON, sampleAnswer, sampleQuestions } from './sample-answers.js';
export {
  ADVISORY,
  AssessmentFixtures,
  DUE_ON,
  invitationTokenFor,
  LOW_RISK_INTAKE,
} from './assessment-fixtures.js';
export {
  closeOwnerDataSource,
  openOwnerDataSource,
  ownerDataSourceOf,
} from './owner-data-source.js';
export {
  hiddenSheetsBomb,
  minimalXlsx,
  SHARED_STRINGS_HEAD,
  SHARED_STRINGS_TAIL,
  sharedStringBomb,
  worksheetXml,
} from './spreadsheet-bombs.js';
export {
  appendHiddenParts,
  localRecord,
  packPart,
  packRepeated,
  type PackedPart,
  writeZip,
  type ZipPart,
} from './zip-writer.js';
export { realQuestionnaire } from './real-questionnaires.js';
