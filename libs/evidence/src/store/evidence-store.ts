/** What the store knows about a file once it holds it. */
export interface StoredEvidence {
  /** Lowercase hex SHA-256 of the content: the file's only key. */
  readonly sha256: string;
  readonly sizeBytes: number;
}

/**
 * Content-addressed storage of evidence files. An abstract class so it doubles as the NestJS DI
 * token: `{ provide: EvidenceStore, useValue: new FileEvidenceStore(root) }`.
 * It holds bytes only; which tenant owns which file lives in the database, next to the hash.
 */
export abstract class EvidenceStore {
  /** Stores the content (a no-op when the same bytes are already there) and returns its key. */
  abstract put(content: Buffer): Promise<StoredEvidence>;

  /** The content stored under `sha256`, verified against that hash. */
  abstract read(sha256: string): Promise<Buffer>;

  abstract has(sha256: string): Promise<boolean>;
}
