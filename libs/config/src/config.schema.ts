import { z } from 'zod';

const port = z.coerce.number().int().min(1).max(65535);
const positiveInt = z.coerce.number().int().positive();

/** Every environment variable Cascade reads. Anything else in the environment is ignored. */
export const configSchema = z.object({
  NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
  HOST: z.string().min(1).default('127.0.0.1'),
  PORT: port.default(3000),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// or postgresql:// URL')
    .optional(),
  DATABASE_MIGRATION_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// or postgresql:// URL')
    .optional(),
  CASCADE_DATA_DIR: z.string().min(1).default('./.cascade'),
  JWT_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
  // Parsed by parseAuditKeys: `id:secret,id:secret`, newest last.
  AUDIT_HMAC_KEYS: z.string().optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  DB_POOL_SIZE: positiveInt.max(100).default(10),
  DB_STATEMENT_TIMEOUT_MS: positiveInt.default(15_000),
  DB_REQUEST_STATEMENT_TIMEOUT_MS: positiveInt.default(5_000),
  JOBS_IN_PROCESS: z.enum(['true', 'false']).optional(),
  PUBLIC_URL: z.url({ protocol: /^https?$/ }).optional(),
  SMTP_URL: z
    .string()
    .regex(/^smtps?:\/\//, 'must be an smtp:// or smtps:// URL')
    .optional(),
  RATE_LIMIT_PER_CREDENTIAL: positiveInt.default(300),
  RATE_LIMIT_PER_TENANT: positiveInt.default(1_200),
  RATE_LIMIT_PER_ADDRESS: positiveInt.default(60),
  RATE_LIMIT_SIGN_UPS_PER_ADDRESS: positiveInt.default(20),
  EVIDENCE_MAX_MB: positiveInt.max(100).default(25),
  TENANT_STORAGE_QUOTA_MB: positiveInt.max(10_000_000).default(5120),
  MAIL_FROM: z.string().min(3).max(200).default('Cascade <no-reply@cascade.localhost>'),
  ZIP_MAX_UNPACKED_MB: positiveInt.max(1024).default(50),
  ZIP_MAX_ENTRY_MB: positiveInt.max(1024).default(25),
  ZIP_MAX_ENTRIES: positiveInt.max(65_534).default(1_000),
  ZIP_MAX_RATIO: positiveInt.min(10).max(1_100).default(200),
  XLSX_MAX_CELL_CHARS: positiveInt.max(1_000_000).default(32_767),
  XLSX_WORKER_HEAP_MB: positiveInt.min(32).max(4_096).default(256),
  XLSX_TIMEOUT_MS: positiveInt.min(100).default(20_000),
  XLSX_WORKERS: positiveInt.max(32).default(2),
});

export type ConfigInput = z.input<typeof configSchema>;
export const CONFIG_VARIABLES = Object.keys(configSchema.shape) as (keyof ConfigInput)[];
