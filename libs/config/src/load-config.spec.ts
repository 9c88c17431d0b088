import { describe, expect, it } from '@jest/globals';
import { mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { InvalidConfigError } from './config.errors.js';
import { loadConfig } from './load-config.js';

const tempDir = () => mkdtempSync(join(tmpdir(), 'cascade-config-'));

function problemsOf(env: NodeJS.ProcessEnv): readonly string[] {
  try {
    loadConfig(env);
  } catch (error) {
    if (error instanceof InvalidConfigError) return error.problems;
    throw error;
  }
  throw new Error('expected the configuration to be refused');
}

describe('loadConfig', () => {
  it('defaults to the embedded database on port 3000 in ./.cascade', () => {
    const dataDir = tempDir();
    const config = loadConfig({ CASCADE_DATA_DIR: dataDir });
    expect(config).toMatchObject({
      env: 'development',
      isProduction: false,
      http: { host: '127.0.0.1', port: 3000 },
      database: { mode: 'embedded', dataDir, url: undefined },
      jobsInProcess: true,
      evidence: {
        dir: `${dataDir}/evidence`,
        incomingDir: `${dataDir}/evidence-incoming`,
        maxBytes: 25 * 1024 * 1024,
        tenantQuotaBytes: 5120 * 1024 * 1024,
      },
    });
  });

  it('uses a PostgreSQL server when DATABASE_URL is set, with jobs in the worker', () => {
    const config = loadConfig({
      CASCADE_DATA_DIR: tempDir(),
      DATABASE_URL: 'postgres://app@db:5432/cascade',
    });
    expect(config.database).toMatchObject({
      mode: 'server',
      url: 'postgres://app@db:5432/cascade',
    });
    expect(config.jobsInProcess).toBe(false);
  });

  it('reads the owner URL for the migrate step, and only beside the serving URL', () => {
    const config = loadConfig({
      CASCADE_DATA_DIR: tempDir(),
      DATABASE_URL: 'postgres://cascade_app:pw@db:5432/cascade',
      DATABASE_MIGRATION_URL: 'postgres://owner:pw@db:5432/cascade',
    });
    expect(config.database).toMatchObject({
      url: 'postgres://cascade_app:pw@db:5432/cascade',
      migrationUrl: 'postgres://owner:pw@db:5432/cascade',
    });
    expect(
      problemsOf({ CASCADE_DATA_DIR: tempDir(), DATABASE_MIGRATION_URL: 'postgres://o@db/c' }),
    ).toEqual([expect.stringMatching(/^DATABASE_MIGRATION_URL: needs DATABASE_URL/)]);
  });

  it('names every invalid variable', () => {
    expect(problemsOf({ PORT: 'eighty', DATABASE_URL: 'mysql://x', LOG_LEVEL: 'loud' })).toEqual([
      expect.stringMatching(/^PORT: /),
      expect.stringMatching(/^DATABASE_URL: must be a postgres/),
      expect.stringMatching(/^LOG_LEVEL: /),
    ]);
    expect(problemsOf({ PORT: '70000' })).toEqual([expect.stringMatching(/^PORT: /)]);
  });

  it('requires real secrets and a server database in production', () => {
    expect(problemsOf({ NODE_ENV: 'production' })).toEqual([
      'JWT_SECRET: required when NODE_ENV=production',
      'AUDIT_HMAC_KEYS: required when NODE_ENV=production',
      expect.stringMatching(/^DATABASE_URL: required when NODE_ENV=production/),
    ]);
    expect(
      problemsOf({
        NODE_ENV: 'production',
        JWT_SECRET: 'short',
        AUDIT_HMAC_KEYS: `k1:${'s'.repeat(32)}`,
        DATABASE_URL: 'postgres://x/y',
      }),
    ).toEqual(['JWT_SECRET: must be at least 32 characters']);
  });

  it('signs new audit events with the newest of the configured keys, and refuses bad keys', () => {
    const config = loadConfig({
      CASCADE_DATA_DIR: tempDir(),
      AUDIT_HMAC_KEYS: `2025:${'a'.repeat(32)}, 2026:${'b'.repeat(40)}`,
    });
    expect(config.audit).toEqual({
      keys: [
        { id: '2025', secret: 'a'.repeat(32) },
        { id: '2026', secret: 'b'.repeat(40) },
      ],
      currentKeyId: '2026',
    });
    expect(
      problemsOf({
        AUDIT_HMAC_KEYS: `k1:short,no-secret,k 2:${'x'.repeat(32)},k1:${'y'.repeat(32)}`,
      }),
    ).toEqual([
      'AUDIT_HMAC_KEYS: the secret of key k1 must be at least 32 characters',
      expect.stringMatching(/^AUDIT_HMAC_KEYS: entry 2 must be id:secret/),
      expect.stringMatching(/^AUDIT_HMAC_KEYS: entry 3 must be id:secret/),
    ]);
    expect(problemsOf({ AUDIT_HMAC_KEYS: `k1:${'x'.repeat(32)},k1:${'y'.repeat(32)}` })).toEqual([
      'AUDIT_HMAC_KEYS: key k1 is listed twice',
    ]);
  });

  it('adds a generated audit key to a data folder from before audit keys, keeping its signing key', () => {
    const dataDir = tempDir();
    const file = join(dataDir, 'secrets.json');
    writeFileSync(file, JSON.stringify({ jwtSecret: 'j'.repeat(64) }), { mode: 0o600 });
    const first = loadConfig({ CASCADE_DATA_DIR: dataDir });
    const second = loadConfig({ CASCADE_DATA_DIR: dataDir });
    expect(first.auth.jwtSecret).toBe('j'.repeat(64));
    expect(first.audit.keys).toEqual([{ id: 'local', secret: expect.stringMatching(/^.{64}$/) }]);
    expect(second.audit).toEqual(first.audit);
    expect(statSync(file).mode & 0o777).toBe(0o600);
  });

  it('generates the signing key once outside production and keeps it private in the data folder', () => {
    const dataDir = tempDir();
    const first = loadConfig({ CASCADE_DATA_DIR: dataDir });
    const second = loadConfig({ CASCADE_DATA_DIR: dataDir });
    expect(first.auth.jwtSecret).toHaveLength(64);
    expect(second.auth.jwtSecret).toBe(first.auth.jwtSecret);
    const file = join(dataDir, 'secrets.json');
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual({
      jwtSecret: first.auth.jwtSecret,
      auditKey: first.audit.keys[0].secret,
    });
    expect(first.audit).toEqual(second.audit);
    expect(first.audit.currentKeyId).toBe('local');
    expect(statSync(file).mode & 0o777).toBe(0o600);
  });

  it('treats empty variables as unset', () => {
    const config = loadConfig({ CASCADE_DATA_DIR: tempDir(), DATABASE_URL: '', PORT: '' });
    expect(config.database.mode).toBe('embedded');
    expect(config.http.port).toBe(3000);
  });

  it('caps uploaded ZIP-based files and the spreadsheet sandbox, and refuses caps that protect nothing', () => {
    const MB = 1024 * 1024;
    expect(loadConfig({ CASCADE_DATA_DIR: tempDir() }).uploads).toEqual({
      zip: { maxEntries: 1_000, maxEntryBytes: 25 * MB, maxTotalBytes: 50 * MB, maxRatio: 200 },
      maxCellChars: 32_767,
      workerHeapMb: 256,
      timeoutMs: 20_000,
      concurrency: 2,
    });
    const tuned = loadConfig({
      CASCADE_DATA_DIR: tempDir(),
      ZIP_MAX_UNPACKED_MB: '10',
      XLSX_WORKERS: '1',
    });
    expect(tuned.uploads).toMatchObject({ zip: { maxTotalBytes: 10 * MB }, concurrency: 1 });
    expect(
      problemsOf({ CASCADE_DATA_DIR: tempDir(), ZIP_MAX_RATIO: '5000', XLSX_WORKER_HEAP_MB: '16' }),
    ).toEqual([
      'ZIP_MAX_RATIO: Too big: expected number to be <=1100',
      'XLSX_WORKER_HEAP_MB: Too small: expected number to be >=32',
    ]);
  });
});
