import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createTestDatabase, TEST_PASSWORD } from '@app/testing';
import { MIGRATIONS } from '../../libs/schema/src/migrations/index.js';
import pg from 'pg';
import {
  createEmptyServerDatabase,
  type EmptyServerDatabase,
  runMigrate,
  type ServerProcesses,
  spawnServerProcesses,
} from '../support/server-processes.js';

const adminUrl = process.env.DATABASE_URL;
/** Separate processes on one PostgreSQL server; the embedded database is one process's own. */
const onServer = adminUrl ? describe : describe.skip;

/** The shipped per-credential burst: a sixth of 300 requests a minute, in any 10 seconds. */
const BURST = 50;

async function graphql(port: number, body: object, token?: string): Promise<Response> {
  return fetch(`http://127.0.0.1:${port}/graphql`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      ...(token ? { authorization: `Bearer ${token}` } : {}),
    },
    body: JSON.stringify(body),
  });
}

async function signUp(port: number): Promise<string> {
  const response = await graphql(port, {
    query: `mutation($i: SignUpInput!) { signUp(input: $i) { accessToken } }`,
    variables: {
      i: {
        email: 'replica-owner@example.test',
        password: TEST_PASSWORD,
        displayName: 'Replica Owner',
        organizationName: 'Replica Co',
      },
    },
  });
  const body = (await response.json()) as { data: { signUp: { accessToken: string } } };
  return body.data.signUp.accessToken;
}

async function askMe(port: number, token: string): Promise<number> {
  const response = await graphql(port, { query: '{ me { userId } }' }, token);
  await response.arrayBuffer();
  return response.status;
}

async function appliedMigrations(ownerUrl: string): Promise<{ name: string; times: number }[]> {
  const client = new pg.Client({ connectionString: ownerUrl });
  await client.connect();
  try {
    const table = await client.query(`SELECT to_regclass('public.migrations') AS t`);
    if ((table.rows[0] as { t: string | null }).t === null) return [];
    const { rows } = await client.query<{ name: string; times: number }>(
      `SELECT name, count(*)::int AS times FROM migrations GROUP BY name ORDER BY name`,
    );
    return rows;
  } finally {
    await client.end();
  }
}

onServer('API and worker processes on one PostgreSQL server', () => {
  let database: EmptyServerDatabase;
  const started: ServerProcesses[] = [];

  beforeAll(async () => {
    // The serving roles are cluster-wide and exist once any database was migrated, as on a
    // server that already runs Cascade; the database below is new and empty.
    await (await createTestDatabase()).drop();
    database = await createEmptyServerDatabase(adminUrl!);
  });

  afterAll(async () => {
    for (const processes of started) await processes.stop();
    await database.drop();
  });

  async function spawn(counts: { apis: number; workers: number }): Promise<ServerProcesses> {
    const processes = await spawnServerProcesses(database.servingUrl, counts);
    started.push(processes);
    return processes;
  }

  it('refuses to start the API or the worker before the database is migrated', async () => {
    const processes = await spawn({ apis: 1, workers: 1 });
    const codes = await Promise.all(processes.all().map((child) => child.exited()));
    expect(codes).toEqual([1, 1]);
    for (const child of processes.all()) {
      expect(child.output()).toContain(
        'The database schema is not current: no migrations are applied',
      );
      expect(child.output()).toContain('Run `npm run db:migrate`');
    }
    expect(await appliedMigrations(database.ownerUrl)).toEqual([]);
  });

  it('migrates once when two migrate steps run at the same time', async () => {
    const [first, second] = await Promise.all([runMigrate(database), runMigrate(database)]);
    expect([first.code, second.code]).toEqual([0, 0]);
    // One applied everything; the other waited on the lock and found nothing pending.
    expect([first.output, second.output].sort()).toEqual([
      expect.stringContaining(`Applied ${MIGRATIONS.length} migration(s)`),
      expect.stringContaining('No pending migrations'),
    ]);
    const applied = await appliedMigrations(database.ownerUrl);
    expect(applied).toHaveLength(MIGRATIONS.length);
    expect(applied.every((row) => row.times === 1)).toBe(true);
  });

  it('then serves from two APIs and a worker, none of which migrates, sharing rate limits', async () => {
    const processes = await spawn({ apis: 2, workers: 1 });
    await Promise.all(processes.all().map((child) => child.ready(60_000)));
    for (const api of processes.apis) {
      const ready = await fetch(`http://127.0.0.1:${api.port}/health/ready`);
      expect(ready.status).toBe(200);
    }
    const applied = await appliedMigrations(database.ownerUrl);
    expect(applied).toHaveLength(MIGRATIONS.length);
    expect(applied.every((row) => row.times === 1)).toBe(true);

    // One person's requests, alternating between the two APIs as a load balancer would send
    // them: the shipped burst budget (a sixth of 300 a minute) holds across both processes.
    const [first, second] = processes.apis;
    const token = await signUp(first.port);
    const started = Date.now();
    const statuses: number[] = [];
    for (let i = 0; i < BURST + 10; i++) {
      statuses.push(await askMe(i % 2 === 0 ? first.port : second.port, token));
    }
    expect(Date.now() - started).toBeLessThan(10_000); // all inside one burst window
    expect(statuses.filter((status) => status === 200)).toHaveLength(BURST);
    expect(statuses.filter((status) => status === 429)).toHaveLength(10);
    expect(await processes.stop()).toEqual([0, 0, 0]);
  });
});
