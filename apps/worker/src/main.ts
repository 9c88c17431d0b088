import 'reflect-metadata';
import { InvalidConfigError, loadConfig } from '@app/config';
import { DataDirLockedError, UnsafeDatabaseError } from '@app/database';
import { closeOnSignals } from '@app/core';
import { createWorkerApp } from './create-worker-app.js';

const EXPLAINED = [InvalidConfigError, DataDirLockedError, UnsafeDatabaseError];

async function main(): Promise<void> {
  const config = loadConfig();
  if (config.database.mode === 'embedded') {
    // The API runs jobs itself on the embedded database, which only one process may open.
    console.error(
      'The worker needs a PostgreSQL server (DATABASE_URL). With the embedded database, `npm start` runs jobs in-process.',
    );
    process.exit(1);
  }
  closeOnSignals(await createWorkerApp(config));
  console.log('Cascade worker running jobs.');
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
