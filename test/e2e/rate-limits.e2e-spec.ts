import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { INVITATIONS_PER_EMAIL, INVITATIONS_PER_TENANT, SIGN_UPS_PER_EMAIL } from '@app/auth';
import { TEST_PASSWORD, testConfig, type TestTenant } from '@app/testing';
import { startTestApi, type TestApi, type GraphqlResponse } from '../support/test-api.js';

/** The shipped limits (the test configuration lifts them for every other suite). */
const SHIPPED_LIMITS = {
  RATE_LIMIT_PER_CREDENTIAL: undefined,
  RATE_LIMIT_PER_TENANT: undefined,
  RATE_LIMIT_PER_ADDRESS: undefined,
  RATE_LIMIT_SIGN_UPS_PER_ADDRESS: undefined,
};
const PER_CREDENTIAL = 300;
/** A sixth of a credential's minute may be spent in any 10 seconds. */
const BURST = PER_CREDENTIAL / 6;
const BURST_SECONDS = 10;
const PER_ADDRESS = 60;
const SIGN_UPS_PER_ADDRESS = 20;

const ME = '{ me { userId } }';

/** `count` calls, `concurrency` at a time, in order of completion. */
async function burst<T>(count: number, call: () => Promise<T>, concurrency = 8): Promise<T[]> {
  const results: T[] = [];
  let started = 0;
  const worker = async () => {
    while (started < count) {
      started++;
      results.push(await call());
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  return results;
}

const refusedForRate = (response: GraphqlResponse) => response.status === 429;

function expectRateLimited(response: GraphqlResponse, reason: string) {
  expect(response.status).toBe(429);
  expect(response.body.data).toBeNull();
  expect(response.body.errors?.[0]?.extensions).toMatchObject({ code: 'RATE_LIMITED', reason });
  expect(response.body.errors?.[0]?.extensions?.retryAfterSeconds).toBeGreaterThan(0);
}

describe('request rate limits (shipped defaults)', () => {
  let api: TestApi;
  let flooder: TestTenant;
  let bystander: TestTenant;
  let inviter: TestTenant;

  beforeAll(async () => {
    api = await startTestApi(testConfig(SHIPPED_LIMITS));
    flooder = await api.tenant('Flooding Customer');
    bystander = await api.tenant('Quiet Customer');
    inviter = await api.tenant('Inviting Customer');
  });

  afterAll(() => api.close());

  it('answers a credential past its budget with 429, Retry-After and RATE_LIMITED; its colleague and other tenants go on', async () => {
    // The 400 rapid requests: a burst gets through, the rest are refused. On a loaded
    // machine they may outlast one 10-second burst window; each window admits one burst.
    const started = Date.now();
    const responses = await burst(400, () => api.gql(ME, { token: flooder.token }));
    const windows = Math.floor((Date.now() - started) / (BURST_SECONDS * 1000)) + 1;
    const ok = responses.filter((r) => r.status === 200 && r.body.data);
    const refused = responses.filter(refusedForRate);
    expect(ok.length).toBeGreaterThanOrEqual(BURST);
    expect(ok.length).toBeLessThanOrEqual(BURST * windows);
    expect(refused).toHaveLength(400 - ok.length);
    expectRateLimited(refused[0], 'TOO_MANY_REQUESTS');

    const raw = await api
      .http()
      .post('/graphql')
      .set('Content-Type', 'application/json')
      .set('Authorization', `Bearer ${flooder.token}`)
      .send({ query: ME });
    expect(raw.status).toBe(429);
    const retryAfter = Number(raw.headers['retry-after']);
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(10);

    // The same limit guards the plain HTTP routes (downloads, uploads).
    const download = await api
      .http()
      .get('/assessments/evidence/00000000-0000-4000-8000-000000000000')
      .set('Authorization', `Bearer ${flooder.token}`);
    expect(download.status).toBe(429);
    expect(download.body).toMatchObject({ code: 'RATE_LIMITED', reason: 'TOO_MANY_REQUESTS' });
    expect(Number(download.headers['retry-after'])).toBeGreaterThanOrEqual(1);

    const colleague = await flooder.addMember('admin');
    const theirs = await api.gql<{ me: { userId: string } }>(ME, { token: colleague.token });
    expect(theirs.status).toBe(200);
    expect(theirs.body.data?.me.userId).toBe(colleague.userId);
    const other = await api.gql<{ me: { userId: string } }>(ME, { token: bystander.token });
    expect(other.body.data?.me.userId).toBe(bystander.userId);
  });

  it('counts documents refused in validation, before any resolver runs, against their sender', async () => {
    const sender = await api.tenant('Refused Documents Customer');
    const invalid = await burst(BURST, () =>
      api.gql('{ me { noSuchField } }', { token: sender.token }),
    );
    expect(invalid.map((r) => r.status)).toEqual(Array(BURST).fill(400));

    // Its budget is spent: even a valid request is refused now, before any GraphQL work.
    expectRateLimited(await api.gql(ME, { token: sender.token }), 'TOO_MANY_REQUESTS');
    const colleague = await sender.addMember('admin');
    expect((await api.gql(ME, { token: colleague.token })).status).toBe(200);
  });

  it('throttles sign-ups per email, so EMAIL_TAKEN cannot be asked in bulk', async () => {
    const email = `taken-${Date.now()}@example.test`;
    const signUp = () =>
      api.gql(`mutation($i: SignUpInput!) { signUp(input: $i) { accessToken } }`, {
        variables: {
          i: { email, password: TEST_PASSWORD, displayName: 'Ann', organizationName: 'Ann Co' },
        },
      });
    const reasons = [];
    for (let i = 0; i <= SIGN_UPS_PER_EMAIL; i++) {
      const response = await signUp();
      reasons.push(response.body.errors?.[0]?.extensions?.reason ?? 'OK');
      if (i === SIGN_UPS_PER_EMAIL) expectRateLimited(response, 'SIGN_UP_THROTTLED');
    }
    expect(reasons).toEqual([
      'OK',
      ...Array<string>(SIGN_UPS_PER_EMAIL - 1).fill('EMAIL_TAKEN'),
      'SIGN_UP_THROTTLED',
    ]);
  });

  it('throttles invitations to one address (from any organization) and per organization', async () => {
    const target = `invitee-${Date.now()}@example.test`;
    const invite = (token: string, email: string) =>
      api.gql('mutation($e: String!) { inviteMember(email: $e, role: AUDITOR) { acceptUrl } }', {
        token,
        variables: { e: email },
      });
    const reasons = [];
    for (let i = 0; i <= INVITATIONS_PER_EMAIL; i++) {
      const response = await invite(i % 2 === 0 ? bystander.token : inviter.token, target);
      reasons.push(response.body.errors?.[0]?.extensions?.reason ?? 'OK');
    }
    expect(reasons).toEqual([
      ...Array<string>(INVITATIONS_PER_EMAIL).fill('OK'),
      'INVITATIONS_THROTTLED',
    ]);

    const spammer = await api.tenant('Spamming Customer');
    // Three admins, so no one's own request budget is what stops them.
    const admins = [spammer.token, (await spammer.addMember('admin')).token];
    admins.push((await spammer.addMember('admin')).token);
    let sent = 0;
    const many = await burst(INVITATIONS_PER_TENANT + 1, () =>
      invite(
        admins[sent++ % admins.length],
        `someone-${Math.random().toString(36).slice(2)}@example.test`,
      ),
    );
    expect(many.filter((r) => r.body.data)).toHaveLength(INVITATIONS_PER_TENANT);
    expectRateLimited(many.find(refusedForRate)!, 'INVITATIONS_THROTTLED');
  });
});

describe('request rate limits per tenant', () => {
  let api: TestApi;
  let busy: TestTenant;
  let quiet: TestTenant;

  beforeAll(async () => {
    // Lower than shipped, so a handful of members can exhaust their organization's budget.
    api = await startTestApi(
      // 240 a minute: 40 in any 10 seconds.
      testConfig({ RATE_LIMIT_PER_CREDENTIAL: '240', RATE_LIMIT_PER_TENANT: '100' }),
    );
    busy = await api.tenant('Busy Customer');
    quiet = await api.tenant('Quiet Customer');
  });

  afterAll(() => api.close());

  it('refuses every member of a tenant past its budget, counting only admitted requests, and no other tenant', async () => {
    const members = [busy, await busy.addMember('admin'), await busy.addMember('auditor')];
    // The owner floods past its own limit: only its 40 admitted requests count for the tenant.
    const owner = await burst(60, () => api.gql(ME, { token: members[0].token }));
    expect(owner.filter((r) => r.status === 200)).toHaveLength(40);
    const admin = await burst(40, () => api.gql(ME, { token: members[1].token }));
    expect(admin.filter((r) => r.status === 200)).toHaveLength(40);
    const auditor = await burst(30, () => api.gql(ME, { token: members[2].token }));
    expect(auditor.filter((r) => r.status === 200)).toHaveLength(20);
    expectRateLimited(auditor.find(refusedForRate)!, 'TOO_MANY_REQUESTS');

    const other = await api.gql<{ me: { userId: string } }>(ME, { token: quiet.token });
    expect(other.status).toBe(200);
    expect(other.body.data?.me.userId).toBe(quiet.userId);
  });
});

describe('request rate limits per address (operations without a credential)', () => {
  let api: TestApi;

  beforeAll(async () => {
    api = await startTestApi(testConfig(SHIPPED_LIMITS));
  });

  afterAll(() => api.close());

  it('counts open operations per client address', async () => {
    const refresh = () =>
      api.gql('mutation { refreshSession(refreshToken: "not-a-token") { accessToken } }');
    const responses = await burst(PER_ADDRESS + 5, refresh);
    expect(responses.filter((r) => r.status === 200)).toHaveLength(PER_ADDRESS);
    const refused = responses.filter(refusedForRate);
    expect(refused).toHaveLength(5);
    expectRateLimited(refused[0], 'TOO_MANY_REQUESTS');
  });

  it('limits new accounts per address, whatever the emails', async () => {
    const other = await startTestApi(testConfig({ RATE_LIMIT_SIGN_UPS_PER_ADDRESS: undefined }));
    try {
      const reasons = [];
      for (let i = 0; i <= SIGN_UPS_PER_ADDRESS; i++) {
        const response = await other.gql(
          `mutation($i: SignUpInput!) { signUp(input: $i) { accessToken } }`,
          {
            variables: {
              i: {
                email: `new-${i}-${Date.now()}@example.test`,
                password: TEST_PASSWORD,
                displayName: 'New',
                organizationName: `New ${i}`,
              },
            },
          },
        );
        reasons.push(response.body.errors?.[0]?.extensions?.reason ?? 'OK');
      }
      expect(reasons).toEqual([
        ...Array<string>(SIGN_UPS_PER_ADDRESS).fill('OK'),
        'SIGN_UP_THROTTLED',
      ]);
    } finally {
      await other.close();
    }
  });
});
