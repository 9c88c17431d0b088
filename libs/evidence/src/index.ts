export * from './evidence.errors.js';
export { EvidenceStore, type StoredEvidence } from './store/evidence-store.js';
export { FileEvidenceStore } from './store/file-evidence-store.js';
export {
  type EvidenceLimits,
  type EvidenceType,
  inspectEvidence,
} from './inspect/inspect-evidence.js';
export { MAX_FILE_NAME_LENGTH, safeFileName } from './inspect/safe-file-name.js';
