import { type EvidenceStore, inspectEvidence, safeFileName } from '@app/evidence';

export interface AcceptedUpload {
  readonly fileName: string;
  readonly mediaType: string;
  readonly sha256: string;
  readonly sizeBytes: number;
}

/**
 * Checks an uploaded file by its content and stores it under its hash. Call it before the
 * transaction that records the file: a bad file costs nothing but the check, no transaction
 * waits on the disk, and a copy whose row never commits is one that nothing serves.
 */
export async function acceptUpload(
  store: EvidenceStore,
  maxBytes: number,
  fileName: string,
  content: Buffer,
): Promise<AcceptedUpload> {
  const name = safeFileName(fileName);
  const type = await inspectEvidence(content, name, { maxBytes });
  const stored = await store.put(content);
  return {
    fileName: name,
    mediaType: type.mediaType,
    sha256: stored.sha256,
    sizeBytes: stored.sizeBytes,
  };
}
