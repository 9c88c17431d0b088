/**
 * `npm run demo`: seeds the demo organizations into the configured database (embedded or a
 * server) if it has no organizations yet. Refused in production.
 */
import 'reflect-metadata';
import { loadConfig } from '@app/config';
import { runMain } from '@app/core';
import { createApiApp } from './create-api-app.js';
import { DemoSeeder, describeDemo } from './demo/demo-seeder.js';

runMain(async () => {
  const config = loadConfig();
  if (config.isProduction) {
    console.error('The demo is never seeded in production.');
    process.exit(1);
  }
  const app = await createApiApp(config);
  await app.init();
  try {
    const accounts = await app.get(DemoSeeder).seedIfEmpty();
    console.log(
      accounts.length > 0
        ? describeDemo(accounts, `${config.publicUrl}/graphql`)
        : 'The database already has organizations; no demo data was added.',
    );
  } finally {
    await app.close();
  }
});
