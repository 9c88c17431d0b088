import 'reflect-metadata';
import { loadConfig } from '@app/config';
import { closeOnSignals, runMain } from '@app/core';
import { assertDataDirFree } from '@app/database';
import { createApiApp } from './create-api-app.js';

runMain(async () => {
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
});
