import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { TestTenant } from '@app/testing';
import { startTestApi, type TestApi } from '../support/test-api.js';

interface Created {
  createApiKey: { secret: string; apiKey: { id: string; prefix: string; role: string } };
}

const CREATE =
  'mutation($n: String!, $r: Role!) { createApiKey(name: $n, role: $r) { secret apiKey { id prefix role } } }';

describe('API keys', () => {
  let api: TestApi;
  let org: TestTenant;

  beforeAll(async () => {
    api = await startTestApi();
    org = await api.tenant('Integrating Customer');
  });

  afterAll(() => api.close());

  async function createKey(role = 'AUDITOR', token = org.token) {
    return api.gql<Created>(CREATE, { token, variables: { n: 'SIEM export', r: role } });
  }

  it('creates a key shown once, which then acts with its role in its organization', async () => {
    const created = (await createKey()).body.data!.createApiKey;
    expect(created.secret).toMatch(/^csk_[A-Za-z0-9_-]{43}$/);
    expect(created.secret.startsWith(created.apiKey.prefix)).toBe(true);
    const org1 = await api.gql('{ organization { id } }', { token: created.secret });
    expect(org1.body.data).toEqual({ organization: { id: org.tenant.id } });
    // An auditor key reads the audit trail but may not manage members.
    const audit = await api.gql('{ auditEvents(first: 1) { edges { cursor } } }', {
      token: created.secret,
    });
    expect(audit.body.errors).toBeUndefined();
    const manage = await api.gql('mutation($u: ID!) { removeMember(userId: $u) }', {
      token: created.secret,
      variables: { u: org.userId },
    });
    expect(manage.body.errors?.[0]?.extensions).toMatchObject({
      code: 'FORBIDDEN',
      reason: 'PERMISSION_DENIED',
    });
  });

  it('records when a key was last used, and lists keys without their secrets', async () => {
    const created = (await createKey()).body.data!.createApiKey;
    await api.gql('{ organization { id } }', { token: created.secret });
    const list = await api.gql<{ apiKeys: { id: string; lastUsedAt: string | null }[] }>(
      '{ apiKeys { id prefix lastUsedAt } }',
      { token: org.token },
    );
    const listed = list.body.data?.apiKeys.find((k) => k.id === created.apiKey.id);
    expect(listed?.lastUsedAt).toEqual(expect.any(String));
    expect(list.text).not.toContain(created.secret);
  });

  it('stops a revoked key at once, and refuses made-up keys the same way', async () => {
    const created = (await createKey()).body.data!.createApiKey;
    await api.gql('mutation($k: ID!) { revokeApiKey(apiKeyId: $k) }', {
      token: org.token,
      variables: { k: created.apiKey.id },
    });
    for (const token of [created.secret, `csk_${'A'.repeat(43)}`]) {
      const response = await api.gql('{ organization { id } }', { token });
      expect(response.body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    }
  });

  it('is not a person: it has no `me` and cannot manage sessions, as docs/permissions.md says', async () => {
    const created = (await createKey('OWNER')).body.data!.createApiKey;
    for (const document of [
      '{ me { userId } }',
      `mutation { switchOrganization(organizationId: "${org.tenant.id}") { accessToken } }`,
    ]) {
      const response = await api.gql(document, { token: created.secret });
      expect(response.body.errors?.[0]?.extensions).toMatchObject({
        code: 'FORBIDDEN',
        reason: 'PEOPLE_ONLY',
      });
    }
    const docs = readFileSync('docs/permissions.md', 'utf8');
    expect(docs).toContain('| query `me` | session:own (people only) |');
    expect(docs).toContain('a key is refused with `FORBIDDEN` (reason `PEOPLE_ONLY`)');
  });

  it('records creation and use as the key in the audit trail', async () => {
    const created = (await createKey('ADMIN')).body.data!.createApiKey;
    await api.gql(
      'mutation($e: String!) { inviteMember(email: $e, role: AUDITOR) { acceptUrl } }',
      {
        token: created.secret,
        variables: { e: 'by-key@example.test' },
      },
    );
    const trail = await api.gql<{
      auditEvents: { edges: { node: { action: string; actorType: string; actorId: string } }[] };
    }>('{ auditEvents(first: 5) { edges { node { action actorType actorId } } } }', {
      token: org.token,
    });
    const actions = trail.body.data!.auditEvents.edges.map((e) => e.node);
    expect(actions).toContainEqual({
      action: 'invitation.created',
      actorType: 'api_key',
      actorId: created.apiKey.id,
    });
    expect(actions).toContainEqual({
      action: 'api_key.created',
      actorType: 'user',
      actorId: org.userId,
    });
  });

  it('lets only owners create owner keys', async () => {
    const admin = await org.addMember('admin');
    const response = await createKey('OWNER', admin.token);
    expect(response.body.errors?.[0]?.extensions).toMatchObject({
      code: 'FORBIDDEN',
      reason: 'OWNER_ONLY',
    });
  });
});

describe('API keys and invitations outlive no one’s rights', () => {
  let api: TestApi;
  let org: TestTenant;

  beforeAll(async () => {
    api = await startTestApi();
    org = await api.tenant('Careful Customer');
  });

  afterAll(() => api.close());

  it('revokes the keys and pending invitations of a member who is removed or demoted', async () => {
    const admin = await org.addMember('admin');
    const key = await api.gql<Created>(CREATE, {
      token: admin.token,
      variables: { n: 'Admin key', r: 'ADMIN' },
    });
    const secret = key.body.data!.createApiKey.secret;
    const invited = await api.gql<{ inviteMember: { acceptUrl: string } }>(
      'mutation { inviteMember(email: "pending@example.test", role: ADMIN) { acceptUrl } }',
      { token: admin.token },
    );
    expect(
      (await api.gql('{ organization { id } }', { token: secret })).body.errors,
    ).toBeUndefined();

    await api.gql('mutation($u: ID!) { removeMember(userId: $u) }', {
      token: org.token,
      variables: { u: admin.userId },
    });

    expect(
      (await api.gql('{ organization { id } }', { token: secret })).body.errors?.[0]?.extensions
        ?.code,
    ).toBe('UNAUTHENTICATED');
    const token = invited.body.data!.inviteMember.acceptUrl.split('#token=')[1];
    const accept = await api.gql(
      'mutation($i: AcceptInvitationInput!) { acceptInvitation(input: $i) { role } }',
      { variables: { i: { token, password: 'a long enough password 1', displayName: 'P' } } },
    );
    expect(accept.body.errors?.[0]?.extensions?.reason).toBe('INVITATION_INVALID');
  });

  it('lets only owners revoke an owner key', async () => {
    const ownerKey = (await createOwnerKey()).body.data!.createApiKey.apiKey.id;
    const admin = await org.addMember('admin');
    const response = await api.gql('mutation($k: ID!) { revokeApiKey(apiKeyId: $k) }', {
      token: admin.token,
      variables: { k: ownerKey },
    });
    expect(response.body.errors?.[0]?.extensions).toMatchObject({
      code: 'FORBIDDEN',
      reason: 'OWNER_ONLY',
    });
  });

  const createOwnerKey = () =>
    api.gql<Created>(CREATE, { token: org.token, variables: { n: 'Owner key', r: 'OWNER' } });
});
