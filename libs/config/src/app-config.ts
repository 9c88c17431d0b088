import type { AuditKey } from './audit-keys.js';

export type DatabaseMode = 'embedded' | 'server';

/** The validated, typed configuration every module reads instead of `process.env`. */
export interface AppConfig {
  readonly env: 'development' | 'test' | 'production';
  readonly isProduction: boolean;
  readonly http: { readonly host: string; readonly port: number; readonly bodyLimitBytes: number };
  readonly database: {
    readonly mode: DatabaseMode;
    /** Set in server mode only: serving processes log in with it (as the app role). */
    readonly url?: string;
    /** The owner's URL, read by `npm run db:migrate` only; defaults to `url`. */
    readonly migrationUrl?: string;
    /** Embedded data folder; also keeps generated secrets outside production. */
    readonly dataDir: string;
    readonly poolSize: number;
    /** Background work and expensive operations (the connection's own default). */
    readonly statementTimeoutMs: number;
    /** A person's or an integration's ordinary request: a runaway read is cut sooner. */
    readonly requestStatementTimeoutMs: number;
  };
  readonly auth: {
    readonly jwtSecret: string;
    readonly accessTokenTtlSeconds: number;
    /** A refresh token unused this long expires. */
    readonly refreshTokenTtlSeconds: number;
    /** A sign-in session ends this long after sign-in, however often it is refreshed. */
    readonly sessionLifetimeSeconds: number;
  };
  /**
   * Keys of the audit chain's HMAC, kept outside the database so that no one with only database
   * access can forge or re-hash events. New events use `currentKeyId`, the newest.
   */
  readonly audit: { readonly keys: readonly AuditKey[]; readonly currentKeyId: string };
  readonly logLevel: string;
  /** The built-in questionnaire templates (`questionnaires/`), loaded at start. */
  readonly catalogDir: string;
  /** Base of links in mail (invitations, password resets); never taken from a request's Host. */
  readonly publicUrl: string;
  readonly mail: {
    /** Unset: mail stays in the outbox (and, outside production, is printed to the log). */
    readonly smtpUrl?: string;
    readonly from: string;
  };
  /** Evidence files: stored content-addressed under `dir` (in the data folder), up to `maxBytes`. */
  readonly evidence: {
    readonly dir: string;
    /** Uploads stream here before they are checked; beside `dir`, so moving one in is a rename. */
    readonly incomingDir: string;
    readonly maxBytes: number;
    /** What one tenant's distinct stored files may add up to. */
    readonly tenantQuotaBytes: number;
  };
  /** Untrusted ZIP-based uploads (XLSX): the archive caps and the spreadsheet sandbox. */
  readonly uploads: {
    readonly zip: {
      readonly maxEntries: number;
      readonly maxEntryBytes: number;
      readonly maxTotalBytes: number;
      readonly maxRatio: number;
    };
    readonly maxCellChars: number;
    readonly workerHeapMb: number;
    readonly timeoutMs: number;
    readonly concurrency: number;
  };
  /**
   * Requests per minute, counted in the database so every API process shares them: per
   * credential (a person's sessions or one API key), per tenant, and per client address for
   * operations without a credential (sign-in, sign-up, password resets, invitations).
   */
  readonly rateLimits: {
    readonly perCredentialPerMinute: number;
    readonly perTenantPerMinute: number;
    readonly perAddressPerMinute: number;
    /** New accounts per client address per hour (each taken email answers EMAIL_TAKEN). */
    readonly signUpsPerAddressPerHour: number;
  };
  /** Whether the API process also runs background jobs (always in embedded mode). */
  readonly jobsInProcess: boolean;
}
