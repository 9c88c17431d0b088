import 'reflect-metadata';
import { loadConfig } from '@app/config';
import { closeOnSignals, runMain } from '@app/core';
import { assertDataDirFree } from '@app/database';
import { createApiApp } from './create-api-app.js';
import { DemoSeeder, describeDemo } from './demo/demo-seeder.js';

runMain(async () => {
  const config = loadConfig();
  if (config.database.mode === 'embedded') assertDataDirFree(config.database.dataDir);
  const app = await createApiApp(config);
  closeOnSignals(app);
  await app.listen(config.http.port, config.http.host);
  // A fresh embedded database gets demo data, so a newcomer sees the product working at once.
  const seedDemo = config.database.mode === 'embedded' && config.env === 'development';
  const demo = seedDemo ? await app.get(DemoSeeder).seedIfEmpty() : [];
  const shownHost = ['0.0.0.0', '::'].includes(config.http.host) ? 'localhost' : config.http.host;
  const where =
    config.database.mode === 'embedded'
      ? `embedded database in ${config.database.dataDir}`
      : 'PostgreSQL server';
  const url = `http://${shownHost}:${config.http.port}/graphql`;
  if (demo.length > 0) console.log(describeDemo(demo, url));
  console.log(`Cascade API ready at ${url} (${where})`);
});
