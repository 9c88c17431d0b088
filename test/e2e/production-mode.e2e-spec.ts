import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { AppConfig } from '@app/config';
import { type TestTenant, testConfig } from '@app/testing';
import { startTestApi, type TestApi } from '../support/test-api.js';

/** NODE_ENV=production, as far as the API shell is concerned (the database stays the test's). */
function productionConfig(): AppConfig {
  return { ...testConfig(), env: 'production', isProduction: true };
}

describe('production mode', () => {
  let api: TestApi;
  let tenant: TestTenant;

  beforeAll(async () => {
    api = await startTestApi(productionConfig());
    tenant = await api.tenant();
  });

  afterAll(() => api.close());

  it('turns introspection off', async () => {
    const response = await api.gql('{ __schema { queryType { name } } }', { token: tenant.token });
    expect(response.status).toBe(400);
    expect(response.body.errors?.[0]?.message).toMatch(/introspection/i);
  });

  it('serves no IDE', async () => {
    const response = await api.http().get('/graphql').set('Accept', 'text/html');
    expect(response.text).not.toContain('GraphiQL');
  });

  it('reveals no schema details in errors', async () => {
    const response = await api.gql('{ organizaton { id } }', { token: tenant.token });
    expect(response.status).toBe(400);
    expect(response.text).not.toMatch(/Did you mean|organization/);
  });

  it('still answers real operations', async () => {
    const response = await api.gql('{ organization { id } }', { token: tenant.token });
    expect(response.body.data).toEqual({ organization: { id: tenant.tenant.id } });
  });
});
