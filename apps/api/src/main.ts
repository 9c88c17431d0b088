import 'reflect-metadata';
import { InvalidConfigError, loadConfig } from '@app/config';
import { assertDataDirFree, DataDirLockedError, UnsafeDatabaseError } from '@app/database';
import { closeOnSignals } from '@app/core';
import { createApiApp } from './create-api-app.js';

/** Failures a person can fix get one clear line, not a stack trace. */
const EXPLAINED = [InvalidConfigError, DataDirLockedError, UnsafeDatabaseError];

async function main(): Promise<void> {
  const config = loadConfig();
  if (config.database.mode === 'embedded') assertDataDirFree(config.database.dataDir);
  const app = await createApiApp(config);
  closeOnSignals(app);
  await app.listen(config.http.port, config.http.host);
  const shownHost = ['0.0.0.0', '::'].includes(config.http.host) ? 'localhost' : config.http.host;
  const where =
    config.database.mode === 'embedded'
      ? `embedded database in ${config.database.dataDir}`
      : 'PostgreSQL server';
  console.log(`Cascade API ready at http://${shownHost}:${config.http.port}/graphql (${where})`);
}

process.on('unhandledRejection', (reason) => {
  console.error('Unhandled promise rejection', reason);
});

main().catch((error: unknown) => {
  if (EXPLAINED.some((type) => error instanceof type))
    console.error(`\n${(error as Error).message}\n`);
  else console.error(error);
  process.exit(1);
});
