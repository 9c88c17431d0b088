/** What the store knows about a file once it holds it. */
export interface StoredEvidence {
  /** Lowercase hex SHA-256 of the content: the file's only key. */
  readonly sha256: string;
  readonly sizeBytes: number;
}

/** A stored file as a listing sees it: the garbage collector's view of the store. */
export interface StoredEvidenceEntry extends StoredEvidence {
  readonly modifiedAt: Date;
}

/**
 * Content-addressed storage of evidence files. An abstract class so it doubles as the NestJS DI
 * token: `{ provide: EvidenceStore, useValue: new FileEvidenceStore(root) }`.
 * It holds bytes only; which tenant owns which file lives in the database, next to the hash.
 */
export abstract class EvidenceStore {
  /** Stores the content (a no-op when the same bytes are already there) and returns its key. */
  abstract put(content: Buffer): Promise<StoredEvidence>;

  /**
   * Moves a checked upload in: `path` holds exactly `stored`'s bytes (its hash was computed as it
   * was written). The temporary file is gone afterwards, whether it was moved or not needed.
   */
  abstract putFile(path: string, stored: StoredEvidence): Promise<void>;

  /** The content stored under `sha256`, verified against that hash. */
  abstract read(sha256: string): Promise<Buffer>;

  abstract has(sha256: string): Promise<boolean>;

  /** Deletes the file; a file already gone is not an error. */
  abstract remove(sha256: string): Promise<void>;

  /** Every stored file; for garbage collection, not for serving. */
  abstract list(): AsyncIterable<StoredEvidenceEntry>;

  /** Deletes write leftovers (a crash mid-write) last touched before `before`; returns how many. */
  abstract removeTemporaryFiles(before: Date): Promise<number>;
}
