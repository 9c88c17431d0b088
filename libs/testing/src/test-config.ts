import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type AppConfig, loadConfig } from '@app/config';

export const TEST_JWT_SECRET = 'test-only-signing-key-0123456789-abcdefghijklmnop';
/** The audit chain's key in tests: one key, id `t1`. */
export const TEST_AUDIT_HMAC_KEYS = 't1:test-only-audit-key-0123456789-abcdefghijklmnop';

/**
 * A configuration for tests: fixed signing keys, quiet logs, never the developer's data folder.
 * Request rate limits are out of reach, since suites fire hundreds of requests from one address
 * and one credential; the limits' own tests pass real ones.
 */
export function testConfig(env: NodeJS.ProcessEnv = {}): AppConfig {
  return loadConfig({
    NODE_ENV: 'test',
    JWT_SECRET: TEST_JWT_SECRET,
    AUDIT_HMAC_KEYS: TEST_AUDIT_HMAC_KEYS,
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
    CASCADE_DATA_DIR: join(tmpdir(), 'cascade-test-unused'),
    DATABASE_URL: process.env.DATABASE_URL,
    RATE_LIMIT_PER_CREDENTIAL: '1000000',
    RATE_LIMIT_PER_TENANT: '1000000',
    RATE_LIMIT_PER_ADDRESS: '1000000',
    RATE_LIMIT_SIGN_UPS_PER_ADDRESS: '1000000',
    ...env,
  });
}
