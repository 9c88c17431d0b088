export type { AppConfig, DatabaseMode } from './app-config.js';
export { type AuditKey, parseAuditKeys } from './audit-keys.js';
export { InvalidConfigError } from './config.errors.js';
export { CONFIG_VARIABLES, configSchema } from './config.schema.js';
export { APP_CONFIG, ConfigModule } from './config.module.js';
export { loadConfig } from './load-config.js';
