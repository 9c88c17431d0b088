import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import { TEST_PASSWORD, type TestTenant } from '@app/testing';
import { startTestApi, type TestApi } from '../support/test-api.js';

interface CreatedKey {
  createApiKey: { secret: string; apiKey: { id: string; role: string } };
}
interface CreatedInvitation {
  inviteMember: { acceptUrl: string; invitation: { id: string } };
}

const CREATE_KEY =
  'mutation($n: String!, $r: Role!) { createApiKey(name: $n, role: $r) { secret apiKey { id role } } }';
const INVITE =
  'mutation($e: String!, $r: Role!) { inviteMember(email: $e, role: $r) { acceptUrl invitation { id } } }';
const ACCEPT = 'mutation($i: AcceptInvitationInput!) { acceptInvitation(input: $i) { role } }';
const DEMOTE = 'mutation($u: ID!, $r: Role!) { changeMemberRole(userId: $u, role: $r) { role } }';

/** Issue 13, item 2: keys and invitations made with a key die with whoever stands behind them. */
describe('access that outlives its grantor', () => {
  let api: TestApi;
  let org: TestTenant;

  beforeAll(async () => {
    api = await startTestApi();
    org = await api.tenant('Chained Customer');
  });

  afterAll(() => api.close());

  async function mintKey(token: string, role = 'ADMIN') {
    const response = await api.gql<CreatedKey>(CREATE_KEY, {
      token,
      variables: { n: 'Chained key', r: role },
    });
    expect(response.body.errors).toBeUndefined();
    return response.body.data!.createApiKey;
  }

  async function invite(token: string, role = 'ADMIN') {
    const address = `chained-${randomUUID().slice(0, 8)}@example.test`;
    const response = await api.gql<CreatedInvitation>(INVITE, {
      token,
      variables: { e: address, r: role },
    });
    expect(response.body.errors).toBeUndefined();
    return response.body.data!.inviteMember.acceptUrl.split('#token=')[1];
  }

  async function works(secret: string): Promise<boolean> {
    const response = await api.gql('{ organization { id } }', { token: secret });
    if (response.body.errors === undefined) return true;
    expect(response.body.errors[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    return false;
  }

  const accept = (token: string) =>
    api.gql<{ acceptInvitation: { role: string } }>(ACCEPT, {
      variables: { i: { token, password: TEST_PASSWORD, displayName: 'Chained' } },
    });

  it('revokes keys and invitations made through an admin’s key when the admin is demoted', async () => {
    const admin = await org.addMember('admin');
    const first = await mintKey(admin.token);
    const second = await mintKey(first.secret);
    const third = await mintKey(second.secret);
    const invitation = await invite(first.secret);
    const bystander = await mintKey(org.token);
    expect(await works(second.secret)).toBe(true);

    const demoted = await api.gql(DEMOTE, {
      token: org.token,
      variables: { u: admin.userId, r: 'AUDITOR' },
    });
    expect(demoted.body.data).toEqual({ changeMemberRole: { role: 'AUDITOR' } });

    expect(await works(first.secret)).toBe(false);
    expect(await works(second.secret)).toBe(false);
    expect(await works(third.secret)).toBe(false);
    const accepted = await accept(invitation);
    expect(accepted.body.data ?? null).toBeNull();
    expect(accepted.body.errors?.[0]?.extensions?.reason).toBe('INVITATION_INVALID');
    expect(await works(bystander.secret)).toBe(true);
  });

  it('records the person behind a key-made key and the key that made it', async () => {
    const admin = await org.addMember('admin');
    const first = await mintKey(admin.token);
    const second = await mintKey(first.secret);
    const [row] = await api.owner.query<{ createdBy: string; createdByKeyId: string | null }[]>(
      `SELECT created_by AS "createdBy", created_by_key_id AS "createdByKeyId"
           FROM api_keys WHERE id = $1`,
      [second.apiKey.id],
    );
    expect(row).toEqual({ createdBy: admin.userId, createdByKeyId: first.apiKey.id });
  });

  it('revokes everything a key made, to any depth, when that key is revoked, and nothing else', async () => {
    const admin = await org.addMember('admin');
    const sibling = await mintKey(admin.token);
    const first = await mintKey(admin.token);
    const second = await mintKey(first.secret);
    const third = await mintKey(second.secret);
    const invitation = await invite(third.secret, 'AUDITOR');
    const directInvitation = await invite(admin.token, 'AUDITOR');

    const revoked = await api.gql('mutation($k: ID!) { revokeApiKey(apiKeyId: $k) }', {
      token: org.token,
      variables: { k: first.apiKey.id },
    });
    expect(revoked.body.data).toEqual({ revokeApiKey: true });

    expect(await works(second.secret)).toBe(false);
    expect(await works(third.secret)).toBe(false);
    expect((await accept(invitation)).body.errors?.[0]?.extensions?.reason).toBe(
      'INVITATION_INVALID',
    );
    // The admin still holds their rights: what they made directly stays.
    expect(await works(sibling.secret)).toBe(true);
    expect((await accept(directInvitation)).body.data).toEqual({
      acceptInvitation: { role: 'AUDITOR' },
    });
  });

  it('refuses a key or invitation whose maker key is revoked even if the revocation missed it (made before the fix)', async () => {
    const first = await mintKey(org.token);
    const second = await mintKey(first.secret);
    const invitation = await invite(second.secret, 'AUDITOR');
    const dataSource = api.owner;
    // As the old code left them: the maker key's id in created_by / invited_by, and only the
    // first key revoked.
    await dataSource.query(
      `UPDATE api_keys SET created_by = $2, created_by_key_id = NULL WHERE id = $1`,
      [second.apiKey.id, first.apiKey.id],
    );
    await dataSource.query(
      `UPDATE invitations SET invited_by = $1, invited_by_key_id = NULL WHERE invited_by_key_id = $1`,
      [second.apiKey.id],
    );
    expect(await works(second.secret)).toBe(true);
    await dataSource.query(`UPDATE api_keys SET revoked_at = now() WHERE id = $1`, [
      first.apiKey.id,
    ]);
    expect(await works(second.secret)).toBe(false);
    expect((await accept(invitation)).body.errors?.[0]?.extensions?.reason).toBe(
      'INVITATION_INVALID',
    );
  });

  it('revokes keys a key mints while its maker is being demoted', async () => {
    const admin = await org.addMember('admin');
    const first = await mintKey(admin.token);
    const attempts = Array.from({ length: 8 }, () =>
      api.gql<CreatedKey>(CREATE_KEY, {
        token: first.secret,
        variables: { n: 'Race', r: 'ADMIN' },
      }),
    );
    const demotion = api.gql(DEMOTE, {
      token: org.token,
      variables: { u: admin.userId, r: 'AUDITOR' },
    });
    const [responses] = await Promise.all([Promise.all(attempts), demotion]);
    const minted = responses.flatMap((r) => (r.body.data ? [r.body.data.createApiKey.secret] : []));
    for (const secret of minted) expect(await works(secret)).toBe(false);
  });

  it('never lets a key mint a key or an invitation above its own role', async () => {
    const adminKey = await mintKey(org.token, 'ADMIN');
    const key = await api.gql(CREATE_KEY, {
      token: adminKey.secret,
      variables: { n: 'Escalation', r: 'OWNER' },
    });
    expect(key.body.errors?.[0]?.extensions).toMatchObject({
      code: 'FORBIDDEN',
      reason: 'OWNER_ONLY',
    });
    const invitation = await api.gql(INVITE, {
      token: adminKey.secret,
      variables: { e: 'escalation@example.test', r: 'OWNER' },
    });
    expect(invitation.body.errors?.[0]?.extensions).toMatchObject({
      code: 'FORBIDDEN',
      reason: 'OWNER_ONLY',
    });
    const [count] = await api.owner.query<{ n: number }[]>(
      `SELECT count(*)::int AS n FROM api_keys WHERE role = 'owner'`,
    );
    expect(count).toEqual({ n: 0 });
  });

  it('lets no other organization revoke a key or reach its chain', async () => {
    const admin = await org.addMember('admin');
    const first = await mintKey(admin.token);
    const second = await mintKey(first.secret);
    const stranger = await api.tenant('Stranger');
    const strangerAdmin = await stranger.addMember('admin');
    await mintKey(strangerAdmin.token);

    const revoke = await api.gql('mutation($k: ID!) { revokeApiKey(apiKeyId: $k) }', {
      token: stranger.token,
      variables: { k: first.apiKey.id },
    });
    expect(revoke.body.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    const demote = await api.gql(DEMOTE, {
      token: stranger.token,
      variables: { u: admin.userId, r: 'AUDITOR' },
    });
    expect(demote.body.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    // The stranger demoting their own admin touches only their own chain.
    await api.gql(DEMOTE, {
      token: stranger.token,
      variables: { u: strangerAdmin.userId, r: 'AUDITOR' },
    });
    expect(await works(first.secret)).toBe(true);
    expect(await works(second.secret)).toBe(true);
  });
});
