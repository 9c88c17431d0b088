import { describe, expect, it } from '@jest/globals';
import { mkdtempSync, readFileSync, statSync } from 'node:fs';
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
      expect.stringMatching(/^DATABASE_URL: required when NODE_ENV=production/),
    ]);
    expect(
      problemsOf({ NODE_ENV: 'production', JWT_SECRET: 'short', DATABASE_URL: 'postgres://x/y' }),
    ).toEqual(['JWT_SECRET: must be at least 32 characters']);
  });

  it('generates the signing key once outside production and keeps it private in the data folder', () => {
    const dataDir = tempDir();
    const first = loadConfig({ CASCADE_DATA_DIR: dataDir });
    const second = loadConfig({ CASCADE_DATA_DIR: dataDir });
    expect(first.auth.jwtSecret).toHaveLength(64);
    expect(second.auth.jwtSecret).toBe(first.auth.jwtSecret);
    const file = join(dataDir, 'secrets.json');
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual({ jwtSecret: first.auth.jwtSecret });
    expect(statSync(file).mode & 0o777).toBe(0o600);
  });

  it('treats empty variables as unset', () => {
    const config = loadConfig({ CASCADE_DATA_DIR: tempDir(), DATABASE_URL: '', PORT: '' });
    expect(config.database.mode).toBe('embedded');
    expect(config.http.port).toBe(3000);
  });
});
