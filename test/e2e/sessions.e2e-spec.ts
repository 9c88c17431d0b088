import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import { FAILURES_PER_ACCOUNT } from '@app/auth';
import { OutboxMessageEntity } from '@app/notifications';
import { TEST_PASSWORD } from '@app/testing';
import { startTestApi, type TestApi } from '../support/test-api.js';

interface SessionData {
  accessToken: string;
  refreshToken: string;
  organizationId: string;
  userId: string;
  role: string;
}

const SESSION_FIELDS = 'accessToken refreshToken organizationId userId role';
const SIGN_UP = `mutation($i: SignUpInput!) { signUp(input: $i) { ${SESSION_FIELDS} } }`;
const LOGIN = `mutation($i: LoginInput!) { login(input: $i) { ${SESSION_FIELDS} } }`;
const REFRESH = `mutation($t: String!) { refreshSession(refreshToken: $t) { ${SESSION_FIELDS} } }`;
const ORGANIZATION = '{ organization { id name } }';

const email = (label: string) => `${label}-${randomUUID().slice(0, 8)}@example.test`;

describe('sign-up, sign-in and sessions over GraphQL', () => {
  let api: TestApi;

  beforeAll(async () => {
    api = await startTestApi();
  });

  afterAll(() => api.close());

  async function signUp(
    address = email('user'),
    organizationName = 'Acme MSP',
  ): Promise<SessionData> {
    const response = await api.gql<{ signUp: SessionData }>(SIGN_UP, {
      variables: {
        i: {
          email: address,
          password: TEST_PASSWORD,
          displayName: 'Dana',
          organizationName,
          answersAssessments: true,
        },
      },
    });
    expect(response.body.errors).toBeUndefined();
    return response.body.data!.signUp;
  }

  async function login(address: string, password = TEST_PASSWORD, organizationId?: string) {
    return api.gql<{ login: SessionData }>(LOGIN, {
      variables: { i: { email: address, password, organizationId } },
    });
  }

  it('signs up an owner with a working session, and refuses the same email twice', async () => {
    const address = email('owner');
    const session = await signUp(address, 'Northwind IT');
    expect(session.role).toBe('OWNER');
    const org = await api.gql(ORGANIZATION, { token: session.accessToken });
    expect(org.body.data).toEqual({
      organization: { id: session.organizationId, name: 'Northwind IT' },
    });

    const again = await api.gql(SIGN_UP, {
      variables: {
        i: {
          email: address.toUpperCase(),
          password: TEST_PASSWORD,
          displayName: 'X',
          organizationName: 'Y',
        },
      },
    });
    expect(again.body.errors?.[0]?.extensions).toMatchObject({
      code: 'CONFLICT',
      reason: 'EMAIL_TAKEN',
    });
  });

  it('refuses short and breached passwords with a clear message', async () => {
    for (const [password, reason] of [
      ['short1', 'PASSWORD_TOO_SHORT'],
      ['password123', 'PASSWORD_BREACHED'],
    ]) {
      const response = await api.gql(SIGN_UP, {
        variables: {
          i: { email: email('weak'), password, displayName: 'W', organizationName: 'W' },
        },
      });
      expect(response.body.errors?.[0]?.extensions).toMatchObject({
        code: 'BAD_USER_INPUT',
        reason,
      });
    }
  });

  it('signs in with the right password only, answering unknown accounts the same way', async () => {
    const address = email('login');
    await signUp(address);
    const ok = await login(address.toUpperCase());
    expect(ok.body.data?.login.role).toBe('OWNER');
    const wrong = await login(address, 'not the password at all');
    const unknown = await login(email('nobody'), 'not the password at all');
    expect(wrong.body.errors?.[0]).toMatchObject({
      message: 'The email or password is incorrect.',
    });
    expect(unknown.body.errors?.[0]).toEqual(wrong.body.errors?.[0]);
  });

  it('throttles the 11th wrong password in a minute, even when it is right; aliases buy no extra guesses', async () => {
    const address = email('throttled');
    await signUp(address);
    // 15 aliased guesses in one request: login is non-null, so the first failure ends the
    // mutation and exactly one guess is made (and counted).
    const aliases = Array.from(
      { length: 15 },
      (_, i) =>
        `a${i}: login(input: { email: "${address}", password: "wrong password ${i}" }) { accessToken }`,
    ).join('\n');
    const batch = await api.gql(`mutation { ${aliases} }`);
    expect(batch.body.data).toBeNull();
    expect(batch.body.errors?.map((e) => e.extensions?.reason)).toEqual(['INVALID_CREDENTIALS']);
    for (let attempt = 2; attempt <= FAILURES_PER_ACCOUNT; attempt++) {
      const wrong = await login(address, `wrong password again ${attempt}`);
      expect(wrong.body.errors?.[0]?.extensions?.reason).toBe('INVALID_CREDENTIALS');
    }
    const eleventh = await login(address);
    expect(eleventh.body.errors?.[0]?.extensions).toMatchObject({
      code: 'RATE_LIMITED',
      reason: 'LOGIN_THROTTLED',
    });
    expect(eleventh.body.errors?.[0]?.extensions?.retryAfterSeconds).toBeGreaterThan(0);
  });

  it('rotates refresh tokens, and a reused one ends the whole session', async () => {
    const first = await signUp();
    const second = (
      await api.gql<{ refreshSession: SessionData }>(REFRESH, {
        variables: { t: first.refreshToken },
      })
    ).body.data!.refreshSession;
    expect(second.refreshToken).not.toBe(first.refreshToken);
    const third = (
      await api.gql<{ refreshSession: SessionData }>(REFRESH, {
        variables: { t: second.refreshToken },
      })
    ).body.data!.refreshSession;

    const reused = await api.gql(REFRESH, { variables: { t: first.refreshToken } });
    expect(reused.body.errors?.[0]?.extensions).toMatchObject({
      code: 'UNAUTHENTICATED',
      reason: 'REFRESH_TOKEN_INVALID',
    });
    // The newest token of that family is dead too.
    const afterReuse = await api.gql(REFRESH, { variables: { t: third.refreshToken } });
    expect(afterReuse.body.errors?.[0]?.extensions?.reason).toBe('REFRESH_TOKEN_INVALID');
  });

  it('logs out: the refresh token no longer works', async () => {
    const session = await signUp();
    const out = await api.gql('mutation($t: String!) { logout(refreshToken: $t) }', {
      variables: { t: session.refreshToken },
    });
    expect(out.body.data).toEqual({ logout: true });
    const refreshed = await api.gql(REFRESH, { variables: { t: session.refreshToken } });
    expect(refreshed.body.errors?.[0]?.extensions?.reason).toBe('REFRESH_TOKEN_INVALID');
  });

  it('switches between organizations the person belongs to, and only those', async () => {
    const address = email('switcher');
    const own = await signUp(address, 'Home Org');
    const other = await api.tenant('Other Org');
    const member = await other.addMember('respondent');
    // Sign in as the member of "Other Org" and switch: refused, they do not belong to Home Org.
    const memberSession = (await login(member.email)).body.data!.login;
    const refused = await api.gql(
      'mutation($o: ID!) { switchOrganization(organizationId: $o) { organizationId } }',
      { token: memberSession.accessToken, variables: { o: own.organizationId } },
    );
    expect(refused.body.errors?.[0]?.extensions).toMatchObject({
      code: 'FORBIDDEN',
      reason: 'NOT_A_MEMBER',
    });

    const me = await api.gql<{ me: { organizations: { organizationName: string }[] } }>(
      '{ me { organizations { organizationName } } }',
      { token: own.accessToken },
    );
    expect(me.body.data?.me.organizations).toEqual([{ organizationName: 'Home Org' }]);
  });

  it('applies a removed membership and a changed role on the very next request', async () => {
    const org = await api.tenant('Membership Org');
    const member = await org.addMember('risk_manager');
    const before = await api.gql('{ members { userId } }', { token: member.token });
    expect(before.body.errors).toBeUndefined();

    await api.gql('mutation($u: ID!) { changeMemberRole(userId: $u, role: RESPONDENT) { role } }', {
      token: org.token,
      variables: { u: member.userId },
    });
    const demoted = await api.gql('{ members { userId } }', { token: member.token });
    expect(demoted.body.errors?.[0]?.extensions).toMatchObject({
      code: 'FORBIDDEN',
      reason: 'PERMISSION_DENIED',
    });

    await api.gql('mutation($u: ID!) { removeMember(userId: $u) }', {
      token: org.token,
      variables: { u: member.userId },
    });
    const removed = await api.gql(ORGANIZATION, { token: member.token });
    expect(removed.body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });

  it('keeps at least one owner', async () => {
    const org = await api.tenant('Owner Org');
    const response = await api.gql('mutation($u: ID!) { removeMember(userId: $u) }', {
      token: org.token,
      variables: { u: org.userId },
    });
    expect(response.body.errors?.[0]?.extensions).toMatchObject({
      code: 'CONFLICT',
      reason: 'LAST_OWNER',
    });
  });

  it('changes the password and ends the other sessions', async () => {
    const address = email('changer');
    const first = await signUp(address);
    const other = (await login(address)).body.data!.login;
    const changed = await api.gql<{ changePassword: SessionData }>(
      `mutation($i: ChangePasswordInput!) { changePassword(input: $i) { ${SESSION_FIELDS} } }`,
      {
        token: first.accessToken,
        variables: {
          i: { currentPassword: TEST_PASSWORD, newPassword: 'a brand new passphrase 9' },
        },
      },
    );
    expect(changed.body.errors).toBeUndefined();
    const stale = await api.gql(ORGANIZATION, { token: other.accessToken });
    expect(stale.body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    const staleRefresh = await api.gql(REFRESH, { variables: { t: other.refreshToken } });
    expect(staleRefresh.body.errors?.[0]?.extensions?.reason).toBe('REFRESH_TOKEN_INVALID');
    const fresh = await api.gql(ORGANIZATION, {
      token: changed.body.data!.changePassword.accessToken,
    });
    expect(fresh.body.errors).toBeUndefined();
    expect((await login(address, 'a brand new passphrase 9')).body.errors).toBeUndefined();
    expect((await login(address)).body.errors?.[0]?.extensions?.reason).toBe('INVALID_CREDENTIALS');
  });

  it('records sign-ups, sign-ins, failures and role changes in the audit trail', async () => {
    const address = email('audited');
    const session = await signUp(address);
    await login(address, 'definitely not right');
    await login(address);
    // A failed sign-in is audited just after the answer (so it costs no extra time): wait for it.
    const actions = async () =>
      (
        await api.gql<{ auditEvents: { edges: { node: { action: string } }[] } }>(
          '{ auditEvents(first: 20) { edges { node { action } } } }',
          { token: session.accessToken },
        )
      ).body.data?.auditEvents.edges.map((e) => e.node.action) ?? [];
    let seen = await actions();
    for (let i = 0; i < 50 && !seen.includes('auth.sign_in_failed'); i++) {
      await new Promise((resolve) => setTimeout(resolve, 20));
      seen = await actions();
    }
    expect([...seen].sort()).toEqual(
      [
        'auth.signed_in',
        'auth.sign_in_failed',
        'auth.signed_up',
        'member.added',
        'tenant.created',
      ].sort(),
    );
  });
});

describe('password reset', () => {
  let api: TestApi;

  beforeAll(async () => {
    api = await startTestApi();
  });

  afterAll(() => api.close());

  const REQUEST = 'mutation($e: String!) { requestPasswordReset(email: $e) }';
  const RESET = 'mutation($i: ResetPasswordInput!) { resetPassword(input: $i) }';

  /** The link from the mail in the outbox, as the person would receive it. */
  async function mailedToken(address: string): Promise<string> {
    const [mail] = await api.owner.getRepository(OutboxMessageEntity).find({
      where: { recipient: address, kind: 'password_reset' },
      order: { createdAt: 'DESC' },
    });
    const match = /#token=([A-Za-z0-9_-]+)/.exec(mail?.bodyText ?? '');
    if (!match?.[1]) throw new Error(`no reset mail for ${address}`);
    return match[1];
  }

  it('answers the same for unknown accounts and mails nothing', async () => {
    const address = `ghost-${randomUUID()}@example.test`;
    const response = await api.gql(REQUEST, { variables: { e: address } });
    expect(response.body).toEqual({ data: { requestPasswordReset: true } });
    await expect(mailedToken(address)).rejects.toThrow('no reset mail');
  });

  it('resets with the mailed single-use link and ends every session', async () => {
    const org = await api.tenant('Reset Org');
    expect((await api.gql(REQUEST, { variables: { e: org.email } })).body.data).toEqual({
      requestPasswordReset: true,
    });
    const token = await mailedToken(org.email);
    const newPassword = 'reset to this passphrase 5';
    expect((await api.gql(RESET, { variables: { i: { token, newPassword } } })).body.data).toEqual({
      resetPassword: true,
    });
    const oldAccess = await api.gql(ORGANIZATION, { token: org.token });
    expect(oldAccess.body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    const oldRefresh = await api.gql(REFRESH, { variables: { t: org.refreshToken } });
    expect(oldRefresh.body.errors?.[0]?.extensions?.reason).toBe('REFRESH_TOKEN_INVALID');
    const login = await api.gql(LOGIN, {
      variables: { i: { email: org.email, password: newPassword } },
    });
    expect(login.body.errors).toBeUndefined();
    const reused = await api.gql(RESET, {
      variables: { i: { token, newPassword: 'yet another passphrase 6' } },
    });
    expect(reused.body.errors?.[0]?.extensions).toMatchObject({
      code: 'UNAUTHENTICATED',
      reason: 'RESET_TOKEN_INVALID',
    });
  });
});
