import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { PortfolioDashboardsService } from '@app/dashboards';
import { TenantsService } from '@app/tenancy';
import type { TestTenant } from '@app/testing';
import { DiscoveryService, MetadataScanner } from '@nestjs/core';
import { GraphQLSchemaHost } from '@nestjs/graphql';
import {
  type GraphQLInputObjectType,
  isInputObjectType,
  lexicographicSortSchema,
  printSchema,
} from 'graphql';
import { SCHEMA_FILE } from '../../apps/api/src/graphql/graphql-options.js';
import { startTestApi, type TestApi } from '../support/test-api.js';

const ORGANIZATION = '{ organization { id } }';
/** Where `@Args()` records each parameter's declared GraphQL type (@nestjs/graphql's key). */
const ARGS_TYPES = 'graphql:args_type';
const SCALAR_CLASSES = new Set<unknown>([String, Number, Boolean, Date]);

describe('the GraphQL API shell', () => {
  let api: TestApi;
  let alpha: TestTenant;

  beforeAll(async () => {
    api = await startTestApi();
    alpha = await api.tenant('Alpha');
  });

  afterAll(() => api.close());

  async function expectStillAnswering(): Promise<void> {
    const response = await api.gql(ORGANIZATION, { token: alpha.token });
    expect(response.body.data).toEqual({ organization: { id: alpha.tenant.id } });
  }

  describe('operation limits', () => {
    it('refuses a query 50 levels deep before anything runs', async () => {
      const resolver = jest.spyOn(api.app.get(TenantsService), 'current');
      let selection = 'id';
      for (let i = 0; i < 49; i++) selection = `organization { ${selection} }`;
      const response = await api.gql(`{ ${selection} }`, { token: alpha.token });
      expect(response.status).toBe(400);
      expect(response.body.errors?.map((e) => e.message)).toContain(
        'Syntax Error: Query depth limit of 10 exceeded, found 50.',
      );
      expect(resolver).not.toHaveBeenCalled();
      resolver.mockRestore();
      await expectStillAnswering();
    });

    it('refuses 1,000 aliases in one document', async () => {
      const aliases = Array.from({ length: 1000 }, (_, i) => `a${i}: __typename`).join(' ');
      const response = await api.gql(`{ ${aliases} }`, { token: alpha.token });
      expect(response.status).toBe(400);
      expect(response.body.errors?.[0]?.message).toBe(
        'Syntax Error: Document contains more that 2000 tokens. Parsing aborted.',
      );
      await expectStillAnswering();
    });

    it('allows 15 aliases and refuses the 16th, also inside fragments', async () => {
      const aliases = (n: number) => Array.from({ length: n }, (_, i) => `a${i}: id`).join(' ');
      const ok = await api.gql(`{ organization { ${aliases(14)} } }`, { token: alpha.token });
      expect(ok.body.errors).toBeUndefined();
      const tooMany = await api.gql(
        `{ organization { ...f } } fragment f on Organization { ${aliases(16)} }`,
        { token: alpha.token },
      );
      expect(tooMany.status).toBe(400);
      expect(tooMany.body.errors?.[0]?.message).toBe(
        'Syntax Error: Aliases limit of 15 exceeded, found 16.',
      );
    });

    it('prices a page by the size it will run at, also when a variable gives it', async () => {
      const heatmap = jest.spyOn(api.app.get(PortfolioDashboardsService), 'heatmap');
      const padded = `query($n: Int!) { riskHeatmap(first: $n) {
        edges { node { ${'vendorId '.repeat(40)} } } } }`;
      const small = await api.gql(padded, { token: alpha.token, variables: { n: 1 } });
      expect(small.body.errors).toBeUndefined();
      const large = await api.gql(padded, { token: alpha.token, variables: { n: 1000 } });
      expect(large.status).toBe(400);
      expect(large.body.errors?.[0]).toMatchObject({
        message: expect.stringMatching(/^Syntax Error: Query Cost limit of 50000 exceeded/),
        extensions: { code: 'GRAPHQL_VALIDATION_FAILED' },
      });
      expect(heatmap).toHaveBeenCalledTimes(1);
      heatmap.mockRestore();
      await expectStillAnswering();
    });

    it('refuses a 1 MB query with 413 and a readable message', async () => {
      const padding = ' '.repeat(1024 * 1024);
      const response = await api.gql(`{ organization { id ${padding} } }`, { token: alpha.token });
      expect(response.status).toBe(413);
      expect(response.text).toMatch(/too large/i);
      await expectStillAnswering();
    });

    it('refuses batched operations', async () => {
      const response = await api
        .http()
        .post('/graphql')
        .set('Content-Type', 'application/json')
        .set('Authorization', `Bearer ${alpha.token}`)
        .send([{ query: ORGANIZATION }, { query: ORGANIZATION }]);
      expect(response.status).toBe(400);
      expect(response.text).toMatch(/batching/i);
    });
  });

  describe('CSRF prevention', () => {
    it('refuses simple requests a browser could send cross-site', async () => {
      const textPlain = await api
        .http()
        .post('/graphql')
        .set('Content-Type', 'text/plain')
        .send(JSON.stringify({ query: ORGANIZATION }));
      expect(textPlain.status).toBe(400);
      const getWithoutPreflight = await api
        .http()
        .get('/graphql')
        .query({ query: '{ __typename }' });
      expect(getWithoutPreflight.status).toBe(400);
    });

    it('refuses mutations over GET', async () => {
      const response = await api
        .http()
        .get('/graphql')
        .set('Apollo-Require-Preflight', 'true')
        .query({ query: 'mutation { __typename }' });
      expect(response.status).toBe(405);
    });
  });

  describe('errors', () => {
    it('hides an unexpected error behind a correlation id, with no stack or detail', async () => {
      const tenants = api.app.get(TenantsService);
      const failure = jest
        .spyOn(tenants, 'current')
        .mockRejectedValueOnce(new Error('connection to 10.1.2.3 lost; secret=hunter2'));
      const response = await api.gql(ORGANIZATION, {
        token: alpha.token,
        headers: { 'x-request-id': 'req-e2e-500' },
      });
      failure.mockRestore();
      expect(response.body.errors).toEqual([
        {
          message: 'Internal server error. Quote correlation id req-e2e-500 when reporting it.',
          path: ['organization'],
          extensions: { code: 'INTERNAL_SERVER_ERROR', correlationId: 'req-e2e-500' },
        },
      ]);
      expect(response.text).not.toMatch(/10\.1\.2\.3|hunter2|stacktrace|at .*\.ts/);
      await expectStillAnswering();
    });

    it('maps validation failures to BAD_USER_INPUT with the reason', async () => {
      const response = await api.gql('{ auditEvents(first: 101) { edges { cursor } } }', {
        token: alpha.token,
      });
      expect(response.body.errors?.[0]?.extensions).toMatchObject({
        code: 'BAD_USER_INPUT',
        validationErrors: ['first must not be greater than 100'],
      });
    });

    it('does not suggest field names', async () => {
      const response = await api.gql('{ organizaton { id } }', { token: alpha.token });
      expect(response.status).toBe(400);
      expect(response.text).not.toMatch(/Did you mean/);
    });
  });

  it('serves the committed schema.gql (a changed API must update it)', () => {
    const schema = api.app.get(GraphQLSchemaHost).schema;
    const committed = readFileSync(SCHEMA_FILE, 'utf8')
      .replace(/^#.*\n/gm, '')
      .trim();
    expect(printSchema(lexicographicSortSchema(schema)).trim()).toBe(committed);
  });

  it('reports liveness and readiness without internals', async () => {
    const live = await api.http().get('/health/live');
    expect(live.status).toBe(200);
    const ready = await api.http().get('/health/ready');
    expect(ready.status).toBe(200);
    expect(ready.body).toMatchObject({
      status: 'ok',
      info: { database: { status: 'up' }, lifecycle: { status: 'up' } },
    });
  });

  it('serves the GraphQL IDE in development from the server itself', async () => {
    const response = await api.http().get('/graphql').set('Accept', 'text/html');
    expect(response.status).toBe(200);
    expect(response.text).toContain('Cascade GraphiQL');
    expect(response.text).not.toMatch(/<script[^>]+src="https?:/);
  });
});

describe('text at the edge', () => {
  let api: TestApi;

  beforeAll(async () => {
    api = await startTestApi();
  });

  afterAll(() => api.close());

  it('refuses NUL characters and unpaired surrogates in any argument with BAD_USER_INPUT', async () => {
    for (const email of ['nul\u0000@example.test', 'lone\uD800@example.test']) {
      const response = await api.gql('mutation($e: String!) { requestPasswordReset(email: $e) }', {
        variables: { e: email },
      });
      expect(response.body.errors?.[0]?.extensions).toMatchObject({
        code: 'BAD_USER_INPUT',
        validationErrors: ['text must not contain NUL characters or unpaired surrogates'],
      });
    }
    const nested = await api.gql('mutation($i: LoginInput!) { login(input: $i) { accessToken } }', {
      variables: { i: { email: 'a@example.test', password: 'pass\u0000word here' } },
    });
    expect(nested.body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });
});

describe('arguments the validation pipe can see', () => {
  let api: TestApi;

  beforeAll(async () => {
    api = await startTestApi();
  });

  afterAll(() => api.close());

  // A parameter typed `Input | null` is emitted as Object, and the global validation pipe skips
  // Object: none of the input class's rules would run (this let 2024-02-30 reach SQL once).
  it('hands every input-object argument to the validation pipe as its class', () => {
    const scanner = api.app.get(MetadataScanner);
    const unseen: string[] = [];
    for (const { instance } of api.app.get(DiscoveryService).getProviders()) {
      if (!instance || typeof instance !== 'object') continue;
      const prototype = Object.getPrototypeOf(instance) as object;
      for (const method of scanner.getAllMethodNames(prototype)) {
        const args = (Reflect.getMetadata(ARGS_TYPES, prototype.constructor, method) ?? []) as {
          index: number;
          typeFn?: () => unknown;
        }[];
        const types = (Reflect.getMetadata('design:paramtypes', prototype, method) ??
          []) as unknown[];
        for (const { index, typeFn } of args) {
          const declared = typeFn?.();
          const inputClass = typeof declared === 'function' && !SCALAR_CLASSES.has(declared);
          if (inputClass && types[index] !== declared) {
            unseen.push(`${prototype.constructor.name}.${method} argument ${index}`);
          }
        }
      }
    }
    expect(unseen).toEqual([]);
  });
});

describe('input types (mass assignment)', () => {
  let api: TestApi;

  beforeAll(async () => {
    api = await startTestApi();
  });

  afterAll(() => api.close());

  /** Server-owned fields that no client may set; an exception must say why it is one. */
  const FORBIDDEN = [
    'tenantId',
    'organizationId',
    'createdBy',
    'invitedBy',
    'role',
    'status',
    'score',
    'submittedAt',
    'approvedBy',
    'version',
    'userId',
  ];
  const ALLOWED: Record<string, string> = {
    'TemplateRefInput.version': 'names which template version to read, it sets nothing',
    'LoginInput.organizationId': 'chooses among the organizations the person already belongs to',
  };

  it('lets no input type carry a server-owned field', () => {
    const schema = api.app.get(GraphQLSchemaHost).schema;
    const offending = Object.values(schema.getTypeMap())
      .filter((type) => isInputObjectType(type) && !type.name.startsWith('__'))
      .flatMap((type) =>
        Object.keys((type as GraphQLInputObjectType).getFields())
          .filter((field) => FORBIDDEN.includes(field))
          .map((field) => `${type.name}.${field}`),
      )
      .filter((name) => !(name in ALLOWED));
    expect(offending).toEqual([]);
  });
});
