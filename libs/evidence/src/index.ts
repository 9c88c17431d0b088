export * from './evidence.errors.js';
export {
  EvidenceStore,
  type StoredEvidence,
  type StoredEvidenceEntry,
} from './store/evidence-store.js';
export { FileEvidenceStore } from './store/file-evidence-store.js';
export {
  type EvidenceLimits,
  type EvidenceType,
  inspectEvidence,
  inspectEvidenceFile,
} from './inspect/inspect-evidence.js';
export { MAX_FILE_NAME_LENGTH, safeFileName } from './inspect/safe-file-name.js';
export {
  type IncomingLimits,
  type ReceivedUpload,
  readUpload,
  receiveUpload,
  removeStaleUploads,
  type UploadBody,
} from './intake/receive-upload.js';
