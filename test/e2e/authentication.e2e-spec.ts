import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import type { TestTenant } from '@app/testing';
import { signToken, someUserId, unsignedToken } from '../support/forge-token.js';
import { startTestApi, type TestApi } from '../support/test-api.js';

const ORGANIZATION = '{ organization { id name } }';

describe('authentication at the API edge', () => {
  let api: TestApi;
  let tenant: TestTenant;

  beforeAll(async () => {
    api = await startTestApi();
    tenant = await api.tenant('Acme Customer');
  });

  afterAll(() => api.close());

  it('answers the caller’s own organization for a valid token', async () => {
    const response = await api.gql(ORGANIZATION, { token: tenant.token });
    expect(response.body).toEqual({
      data: { organization: { id: tenant.tenant.id, name: 'Acme Customer' } },
    });
  });

  it('lets anonymous callers reach nothing but the schema’s root typename', async () => {
    expect((await api.gql('{ __typename }')).body).toEqual({ data: { __typename: 'Query' } });
    const response = await api.gql(ORGANIZATION);
    expect(response.body.data).toBeNull();
    expect(response.body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });

  /** Claims that are valid in every way; each forged token below breaks exactly one thing. */
  const valid = () => ({ sub: tenant.userId, tid: tenant.tenant.id, sv: 1, typ: 'access' });

  it('accepts a well-formed token signed with the configured key (the control)', async () => {
    const response = await api.gql(ORGANIZATION, { token: signToken(valid()) });
    expect(response.body.errors).toBeUndefined();
  });

  const forged: [string, () => string][] = [
    ['a token from an earlier session version', () => signToken({ ...valid(), sv: 0 })],
    ['a token for a user who is not a member', () => signToken({ ...valid(), sub: someUserId() })],
    ['an unsigned token (alg none)', () => unsignedToken(valid())],
    ['a token signed with another key', () => signToken(valid(), { secret: 'x'.repeat(48) })],
    ['an expired token', () => signToken(valid(), { expiresIn: -10 })],
    ['a token without an expiry', () => signToken(valid(), { expiresIn: null })],
    ['a token valid for years', () => signToken(valid(), { expiresIn: 5 * 365 * 24 * 3600 })],
    [
      'a token valid a little longer than an access token lives',
      () => signToken(valid(), { expiresIn: 15 * 60 + 60 }),
    ],
    ['a token without an issue time', () => signToken(valid(), { noTimestamp: true })],
    [
      'a token issued in the future',
      () => signToken({ ...valid(), iat: Math.floor(Date.now() / 1000) + 3600 }),
    ],
    ['a token for another audience', () => signToken(valid(), { audience: 'other-api' })],
    ['a token from another issuer', () => signToken(valid(), { issuer: 'evil' })],
    ['a token minted for another purpose', () => signToken({ ...valid(), typ: 'refresh' })],
    ['a token whose tenant is not a uuid', () => signToken({ ...valid(), tid: "x' OR '1'='1" })],
    [
      'a token for a tenant that does not exist',
      () => signToken({ ...valid(), tid: randomUUID() }),
    ],
    [
      'a token with a tampered payload',
      () => {
        const [header, , signature] = tenant.token.split('.');
        const payload = Buffer.from(JSON.stringify({ ...valid(), tid: randomUUID() })).toString(
          'base64url',
        );
        return `${header}.${payload}.${signature}`;
      },
    ],
    ['garbage', () => 'not-a-token'],
  ];

  it.each(forged)('refuses %s with UNAUTHENTICATED and no details', async (_, token) => {
    const response = await api.gql(ORGANIZATION, { token: token() });
    expect(response.body.data).toBeNull();
    expect(response.body.errors).toEqual([
      expect.objectContaining({
        message: 'A valid access token is required.',
        extensions: { code: 'UNAUTHENTICATED', reason: 'UNAUTHENTICATED' },
      }),
    ]);
  });

  it('takes the tenant only from the token, never from headers', async () => {
    const other = await api.tenant('Other Customer');
    const response = await api.gql(ORGANIZATION, {
      token: tenant.token,
      headers: { 'x-tenant-id': other.tenant.id },
    });
    expect(response.body.data).toEqual({
      organization: { id: tenant.tenant.id, name: 'Acme Customer' },
    });
  });
});
