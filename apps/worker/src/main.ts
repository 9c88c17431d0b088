import 'reflect-metadata';
import { loadConfig } from '@app/config';
import { closeOnSignals, runMain } from '@app/core';
import { createWorkerApp } from './create-worker-app.js';

runMain(async () => {
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
});
