import { join, resolve } from 'node:path';
import type { AppConfig } from './app-config.js';
import { type AuditKey, parseAuditKeys } from './audit-keys.js';
import { InvalidConfigError } from './config.errors.js';
import { configSchema } from './config.schema.js';
import { loadOrCreateSecrets } from './secrets.js';

const BODY_LIMIT_BYTES = 256 * 1024;
const ACCESS_TOKEN_TTL_SECONDS = 15 * 60;
const REFRESH_TOKEN_TTL_SECONDS = 7 * 24 * 3600;
const SESSION_LIFETIME_SECONDS = 30 * 24 * 3600;
const MB = 1024 * 1024;

/** Validates the environment once, at boot; an invalid value names its variable. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  // Empty strings mean "unset" (as `FOO= npm start` and compose files produce).
  const present = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== ''));
  const parsed = configSchema.safeParse(present);
  if (!parsed.success) {
    throw new InvalidConfigError(
      parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`),
    );
  }
  const vars = parsed.data;
  const isProduction = vars.NODE_ENV === 'production';
  const dataDir = resolve(vars.CASCADE_DATA_DIR);
  const mode = vars.DATABASE_URL ? 'server' : 'embedded';

  const problems: string[] = [];
  if (isProduction && !vars.JWT_SECRET)
    problems.push('JWT_SECRET: required when NODE_ENV=production');
  if (isProduction && !vars.AUDIT_HMAC_KEYS) {
    problems.push('AUDIT_HMAC_KEYS: required when NODE_ENV=production');
  }
  const auditKeys = vars.AUDIT_HMAC_KEYS ? parseAuditKeys(vars.AUDIT_HMAC_KEYS) : undefined;
  problems.push(...(auditKeys?.problems ?? []));
  if (isProduction && mode === 'embedded') {
    problems.push(
      'DATABASE_URL: required when NODE_ENV=production (the embedded database is for development)',
    );
  }
  if (vars.DATABASE_MIGRATION_URL && !vars.DATABASE_URL) {
    problems.push(
      'DATABASE_MIGRATION_URL: needs DATABASE_URL too (the URL serving processes log in with)',
    );
  }
  if (problems.length > 0) throw new InvalidConfigError(problems);

  // Outside production, whatever is not set is generated once into the data folder.
  const generated = vars.JWT_SECRET && auditKeys ? undefined : loadOrCreateSecrets(dataDir);
  const jwtSecret = vars.JWT_SECRET ?? generated?.jwtSecret ?? '';
  const keys: readonly AuditKey[] = auditKeys?.keys ?? [
    { id: 'local', secret: generated?.auditKey ?? '' },
  ];
  return {
    env: vars.NODE_ENV,
    isProduction,
    http: { host: vars.HOST, port: vars.PORT, bodyLimitBytes: BODY_LIMIT_BYTES },
    database: {
      mode,
      url: vars.DATABASE_URL,
      migrationUrl: vars.DATABASE_MIGRATION_URL,
      dataDir,
      poolSize: vars.DB_POOL_SIZE,
      statementTimeoutMs: vars.DB_STATEMENT_TIMEOUT_MS,
      requestStatementTimeoutMs: vars.DB_REQUEST_STATEMENT_TIMEOUT_MS,
    },
    auth: {
      jwtSecret,
      accessTokenTtlSeconds: ACCESS_TOKEN_TTL_SECONDS,
      refreshTokenTtlSeconds: REFRESH_TOKEN_TTL_SECONDS,
      sessionLifetimeSeconds: SESSION_LIFETIME_SECONDS,
    },
    audit: { keys, currentKeyId: keys[keys.length - 1].id },
    logLevel: vars.LOG_LEVEL,
    catalogDir: resolve('questionnaires'),
    publicUrl: (vars.PUBLIC_URL ?? `http://localhost:${vars.PORT}`).replace(/\/+$/, ''),
    mail: { smtpUrl: vars.SMTP_URL, from: vars.MAIL_FROM },
    evidence: {
      dir: join(dataDir, 'evidence'),
      incomingDir: join(dataDir, 'evidence-incoming'),
      maxBytes: vars.EVIDENCE_MAX_MB * MB,
      tenantQuotaBytes: vars.TENANT_STORAGE_QUOTA_MB * MB,
    },
    uploads: {
      zip: {
        maxEntries: vars.ZIP_MAX_ENTRIES,
        maxEntryBytes: vars.ZIP_MAX_ENTRY_MB * MB,
        maxTotalBytes: vars.ZIP_MAX_UNPACKED_MB * MB,
        maxRatio: vars.ZIP_MAX_RATIO,
      },
      maxCellChars: vars.XLSX_MAX_CELL_CHARS,
      workerHeapMb: vars.XLSX_WORKER_HEAP_MB,
      timeoutMs: vars.XLSX_TIMEOUT_MS,
      concurrency: vars.XLSX_WORKERS,
    },
    rateLimits: {
      perCredentialPerMinute: vars.RATE_LIMIT_PER_CREDENTIAL,
      perTenantPerMinute: vars.RATE_LIMIT_PER_TENANT,
      perAddressPerMinute: vars.RATE_LIMIT_PER_ADDRESS,
      signUpsPerAddressPerHour: vars.RATE_LIMIT_SIGN_UPS_PER_ADDRESS,
    },
    jobsInProcess: mode === 'embedded' || vars.JOBS_IN_PROCESS === 'true',
  };
}
