import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import { APP_CONFIG, type AppConfig } from '@app/config';
import { AssessmentFixtures, TEST_PASSWORD, type TestTenant } from '@app/testing';
import { startTestApi, type TestApi } from '../support/test-api.js';

const SIGN_UP = 'mutation($i: SignUpInput!) { signUp(input: $i) { organizationId } }';
const CREATE_VENDOR = 'mutation($i: VendorInput!) { createVendor(input: $i) { id } }';

/** What a mail client would turn into a link: schemes, www. hosts, bare domains, addresses. */
const LINKABLE = /[a-z][\w+.-]*:\/\/\S+|www\.\S+|[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)+|\S+@\S+/giu;

const HOSTILE_NAMES = [
  'Acme\r\nBcc: victim@example.test',
  'Acme\u2028Corp',
  'Acme \u202Eevil',
  'Acme, pay at https://evil.example/login',
  'Acme www.evil.example',
];

/** Issue 13, item 8: tenant-chosen names never break a mail's lines nor become a link in it. */
describe('names that land in mail', () => {
  let api: TestApi;
  let org: TestTenant;

  beforeAll(async () => {
    api = await startTestApi();
    org = await api.tenant('Mailing Customer');
  });

  afterAll(() => api.close());

  const signUp = (organizationName: string, displayName = 'Pat Doe') =>
    api.gql(SIGN_UP, {
      variables: {
        i: {
          email: `names-${randomUUID().slice(0, 8)}@example.test`,
          password: TEST_PASSWORD,
          displayName,
          organizationName,
        },
      },
    });

  it.each(HOSTILE_NAMES)('refuses the organization name %j at sign-up', async (name) => {
    const response = await signUp(name);
    expect(response.body.errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      reason: 'TENANT_NAME_INVALID',
    });
  });

  it.each(HOSTILE_NAMES)('refuses the person name %j at sign-up', async (name) => {
    const response = await signUp('Fine Organization', name);
    expect(response.body.errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      reason: 'DISPLAY_NAME_INVALID',
    });
  });

  it('accepts ordinary names, dots and all', async () => {
    const response = await signUp('Booking.com B.V.', 'J. R. R. Tolkien');
    expect(response.body.errors).toBeUndefined();
  });

  it('refuses such a name when accepting an invitation and when adding a vendor', async () => {
    const invited = await api.gql<{ inviteMember: { acceptUrl: string } }>(
      'mutation { inviteMember(email: "named@example.test", role: AUDITOR) { acceptUrl } }',
      { token: org.token },
    );
    const token = invited.body.data!.inviteMember.acceptUrl.split('#token=')[1];
    const accept = await api.gql(
      'mutation($i: AcceptInvitationInput!) { acceptInvitation(input: $i) { role } }',
      {
        variables: {
          i: { token, password: TEST_PASSWORD, displayName: 'Pat https://evil.example' },
        },
      },
    );
    expect(accept.body.errors?.[0]?.extensions?.reason).toBe('DISPLAY_NAME_INVALID');
    const vendor = await api.gql(CREATE_VENDOR, {
      token: org.token,
      variables: {
        i: {
          name: 'Contoso\nwww.evil.example',
          domains: [],
          services: [],
          access: { remoteAccessTools: [], privilegedAccounts: [], systems: [] },
          contacts: [],
          tags: [],
          intake: {
            dataAccess: 'NONE',
            privilegedAccess: 'NONE',
            businessImpact: 'LOW',
            substitutability: 'EASY',
          },
        },
      },
    });
    expect(vendor.body.errors?.[0]?.extensions?.reason).toBe('VENDOR_NAME_INVALID');
  });

  async function lastMailTo(recipient: string) {
    const [mail] = await api.owner.query<{ subject: string; body_text: string }[]>(
      `SELECT subject, body_text FROM outbox_messages WHERE recipient = $1
          ORDER BY created_at DESC LIMIT 1`,
      [recipient],
    );
    if (!mail) throw new Error(`no mail to ${recipient}`);
    return mail;
  }

  /** Names stored before the check: the mail still shows them on one line, with no link. */
  const storedName = 'Acme\r\nBcc: victim@example.test pay at https://evil.example/x evil.example';

  function expectOnlyCascadeLinks(mail: { subject: string; body_text: string }) {
    expect(mail.subject).not.toMatch(/[\r\n]/);
    const links = [...`${mail.subject}\n${mail.body_text}`.matchAll(LINKABLE)].map((m) => m[0]);
    const { publicUrl } = api.app.get<AppConfig>(APP_CONFIG);
    expect(links.length).toBeGreaterThan(0);
    for (const link of links) expect(link.startsWith(`${publicUrl}/`)).toBe(true);
  }

  it('mails an invitation from an oddly named organization with only Cascade’s link in it', async () => {
    const dataSource = api.owner;
    await dataSource.query(`UPDATE tenants SET name = $2 WHERE id = $1`, [
      org.tenant.id,
      storedName,
    ]);
    const recipient = `mailed-${randomUUID().slice(0, 8)}@example.test`;
    const invited = await api.gql(
      'mutation($e: String!) { inviteMember(email: $e, role: AUDITOR) { acceptUrl } }',
      {
        token: org.token,
        variables: { e: recipient },
      },
    );
    expect(invited.body.errors).toBeUndefined();
    expectOnlyCascadeLinks(await lastMailTo(recipient));
  });

  it('mails an assessment invitation with the customer’s and vendor’s names defanged', async () => {
    const customer = await api.tenant('Assessing Customer');
    const msp = await api.tenant('Answering MSP', { answersAssessments: true });
    const fixtures = new AssessmentFixtures(api.app, customer, msp);
    const assessmentId = await fixtures.draft();
    await api.owner.query(
      `UPDATE assessments SET customer_name = $2, vendor_name = $2 WHERE id = $1`,
      [assessmentId, storedName],
    );
    const sent = await api.gql(
      'mutation($a: ID!, $e: [String!]!) { sendAssessment(id: $a, respondentEmails: $e) { state } }',
      {
        token: customer.token,
        variables: { a: assessmentId, e: [msp.email] },
      },
    );
    expect(sent.body.errors).toBeUndefined();
    expectOnlyCascadeLinks(await lastMailTo(msp.email));
  });
});
