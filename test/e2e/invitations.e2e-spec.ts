import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import { OutboxMessageEntity } from '@app/notifications';
import { TEST_PASSWORD, type TestTenant } from '@app/testing';
import { startTestApi, type TestApi } from '../support/test-api.js';

interface Created {
  inviteMember: { acceptUrl: string; invitation: { id: string; email: string; role: string } };
}

const INVITE =
  'mutation($e: String!, $r: Role!) { inviteMember(email: $e, role: $r) { acceptUrl invitation { id email role } } }';
const ACCEPT =
  'mutation($i: AcceptInvitationInput!) { acceptInvitation(input: $i) { accessToken organizationId role } }';

const email = (label: string) => `${label}-${randomUUID().slice(0, 8)}@example.test`;

describe('invitations', () => {
  let api: TestApi;
  let org: TestTenant;

  beforeAll(async () => {
    api = await startTestApi();
    org = await api.tenant('Inviting Customer');
  });

  afterAll(() => api.close());

  async function invite(address: string, role = 'ASSESSOR', token = org.token) {
    const response = await api.gql<Created>(INVITE, { token, variables: { e: address, r: role } });
    return response;
  }

  const tokenOf = (acceptUrl: string) => acceptUrl.split('#token=')[1];

  it('invites by email, mails a single-use link built from the configured URL, and lists it as pending', async () => {
    const address = email('invitee');
    const created = (await invite(address)).body.data!.inviteMember;
    expect(created.acceptUrl).toMatch(
      /^http:\/\/localhost:3000\/invitations\/accept#token=[A-Za-z0-9_-]{43}$/,
    );
    expect(created.invitation).toMatchObject({ email: address, role: 'ASSESSOR' });

    const pending = await api.gql<{ pendingInvitations: { id: string }[] }>(
      '{ pendingInvitations { id } }',
      {
        token: org.token,
      },
    );
    expect(pending.body.data?.pendingInvitations.map((i) => i.id)).toContain(created.invitation.id);

    const mail = await api.owner
      .getRepository(OutboxMessageEntity)
      .findOneByOrFail({ recipient: address });
    expect(mail).toMatchObject({ kind: 'invitation', tenantId: org.tenant.id });
    expect(mail.bodyText).toContain(created.acceptUrl);
  });

  it('creates the account on acceptance, with the invited role, and signs in there; the link then stops working', async () => {
    const address = email('newcomer');
    const { acceptUrl } = (await invite(address, 'RISK_MANAGER')).body.data!.inviteMember;
    const input = { token: tokenOf(acceptUrl), password: TEST_PASSWORD, displayName: 'Newcomer' };
    const accepted = await api.gql<{
      acceptInvitation: { accessToken: string; organizationId: string; role: string };
    }>(ACCEPT, { variables: { i: input } });
    expect(accepted.body.data?.acceptInvitation).toMatchObject({
      organizationId: org.tenant.id,
      role: 'RISK_MANAGER',
    });
    const members = await api.gql<{ members: { email: string; role: string }[] }>(
      '{ members { email role } }',
      {
        token: accepted.body.data!.acceptInvitation.accessToken,
      },
    );
    expect(members.body.data?.members).toContainEqual({ email: address, role: 'RISK_MANAGER' });

    const again = await api.gql(ACCEPT, { variables: { i: input } });
    expect(again.body.errors?.[0]?.extensions).toMatchObject({
      code: 'UNAUTHENTICATED',
      reason: 'INVITATION_INVALID',
    });
  });

  it('takes the role from the invitation, never from the request', async () => {
    const { acceptUrl } = (await invite(email('sneaky'), 'RESPONDENT')).body.data!.inviteMember;
    const response = await api.gql(ACCEPT, {
      variables: {
        i: { token: tokenOf(acceptUrl), password: TEST_PASSWORD, displayName: 'S', role: 'OWNER' },
      },
    });
    expect(response.status).toBe(400);
    expect(response.body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('asks an existing account to sign in, then adds it; the invitation works only for its own email', async () => {
    const other = await api.tenant('MSP With Many Customers');
    const { acceptUrl } = (await invite(other.email, 'RESPONDENT')).body.data!.inviteMember;
    // The public path never checks an existing account's password, so it cannot be used to guess one.
    const publicPath = await api.gql(ACCEPT, {
      variables: {
        i: { token: tokenOf(acceptUrl), password: 'guessing a password here', displayName: 'X' },
      },
    });
    expect(publicPath.body.errors?.[0]?.extensions).toMatchObject({
      code: 'CONFLICT',
      reason: 'SIGN_IN_TO_ACCEPT',
    });

    const AS_MEMBER =
      'mutation($t: String!) { acceptInvitationAsMember(token: $t) { role organizationId } }';
    const stranger = await api.tenant('Someone Else');
    const wrongPerson = await api.gql(AS_MEMBER, {
      token: stranger.token,
      variables: { t: tokenOf(acceptUrl) },
    });
    expect(wrongPerson.body.errors?.[0]?.extensions?.reason).toBe('INVITATION_INVALID');

    const accepted = await api.gql(AS_MEMBER, {
      token: other.token,
      variables: { t: tokenOf(acceptUrl) },
    });
    expect(accepted.body.data).toEqual({
      acceptInvitationAsMember: { role: 'RESPONDENT', organizationId: org.tenant.id },
    });
    const me = await api.gql<{ me: { organizations: { organizationId: string; role: string }[] } }>(
      '{ me { organizations { organizationId role } } }',
      { token: other.token },
    );
    expect(me.body.data?.me.organizations).toEqual(
      expect.arrayContaining([
        { organizationId: other.tenant.id, role: 'OWNER' },
        { organizationId: org.tenant.id, role: 'RESPONDENT' },
      ]),
    );
    // Switching gives tokens that act in the other organization, with the role held there.
    const switched = await api.gql<{ switchOrganization: { accessToken: string; role: string } }>(
      'mutation($o: ID!) { switchOrganization(organizationId: $o) { accessToken role } }',
      { token: other.token, variables: { o: org.tenant.id } },
    );
    expect(switched.body.data?.switchOrganization.role).toBe('RESPONDENT');
    const there = await api.gql('{ organization { id } }', {
      token: switched.body.data!.switchOrganization.accessToken,
    });
    expect(there.body.data).toEqual({ organization: { id: org.tenant.id } });
  });

  it('refuses revoked and expired invitations with the same answer as unknown ones', async () => {
    const revoked = (await invite(email('revoked'))).body.data!.inviteMember;
    const revoke = await api.gql('mutation($i: ID!) { revokeInvitation(invitationId: $i) }', {
      token: org.token,
      variables: { i: revoked.invitation.id },
    });
    expect(revoke.body.data).toEqual({ revokeInvitation: true });

    const expired = (await invite(email('expired'))).body.data!.inviteMember;
    await api.owner.query(
      `UPDATE invitations SET expires_at = now() - interval '1 minute' WHERE id = $1`,
      [expired.invitation.id],
    );

    const answers = await Promise.all(
      [tokenOf(revoked.acceptUrl), tokenOf(expired.acceptUrl), 'no-such-token'].map((token) =>
        api.gql(ACCEPT, { variables: { i: { token, password: TEST_PASSWORD, displayName: 'X' } } }),
      ),
    );
    for (const answer of answers) {
      expect(answer.body.errors?.[0]).toMatchObject({
        message: 'This invitation is not valid any more; ask for a new one.',
        extensions: { code: 'UNAUTHENTICATED', reason: 'INVITATION_INVALID' },
      });
    }
  });

  it('lets only owners invite owners', async () => {
    const admin = await org.addMember('admin');
    const response = await invite(email('owner-to-be'), 'OWNER', admin.token);
    expect(response.body.errors?.[0]?.extensions).toMatchObject({
      code: 'FORBIDDEN',
      reason: 'OWNER_ONLY',
    });
  });

  it('does not let one organization revoke or see another’s invitations', async () => {
    const created = (await invite(email('private'))).body.data!.inviteMember;
    const stranger = await api.tenant('Stranger');
    const revoke = await api.gql('mutation($i: ID!) { revokeInvitation(invitationId: $i) }', {
      token: stranger.token,
      variables: { i: created.invitation.id },
    });
    expect(revoke.body.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    const pending = await api.gql('{ pendingInvitations { id email } }', { token: stranger.token });
    expect(pending.body.data).toEqual({ pendingInvitations: [] });
  });
});
