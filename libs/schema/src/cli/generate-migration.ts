/**
 * Writes a migration holding the DDL that makes the database match the entities:
 * `npm run db:generate -- <name>`. Review it, then add what TypeORM does not model (row-level
 * security, grants, triggers) by hand before committing.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadConfig } from '@app/config';
import { createDataSource } from '@app/database';
import { CASCADE_SCHEMA } from '../index.js';

const name = process.argv[2];
if (!name || !/^[a-z][a-z0-9-]*$/.test(name)) {
  console.error('Usage: npm run db:generate -- <kebab-case-name>');
  process.exit(2);
}

const dataSource = await createDataSource(loadConfig(), {
  schema: CASCADE_SCHEMA,
  runMigrations: true,
  verifyPosture: false,
  target: { dataDir: 'memory://' },
});
const { upQueries, downQueries } = await dataSource.driver.createSchemaBuilder().log();
await dataSource.destroy();
if (upQueries.length === 0) {
  console.log('The entities match the migrations: nothing to generate.');
  process.exit(0);
}

const timestamp = Date.now();
const className =
  name.replace(/(^|-)([a-z0-9])/g, (_, __, c: string) => c.toUpperCase()) + timestamp;
const quote = (sql: string) => '`' + sql.replace(/`/g, '\\`') + '`';
const body = (queries: { query: string }[]) =>
  queries.map((q) => `    await queryRunner.query(${quote(q.query)});`).join('\n');
const file = join('libs/schema/src/migrations', `${timestamp}-${name}.ts`);
writeFileSync(
  file,
  `import type { MigrationInterface, QueryRunner } from 'typeorm';

export class ${className} implements MigrationInterface {
  name = '${className}';

  async up(queryRunner: QueryRunner): Promise<void> {
${body(upQueries)}
  }

  async down(queryRunner: QueryRunner): Promise<void> {
${body([...downQueries].reverse())}
  }
}
`,
);
console.log(`Wrote ${file}: add it to libs/schema/src/migrations/index.ts.`);
