import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { ASSESSMENTS_TENANT_SWEEP } from '@app/assessments';
import { JobQueue } from '@app/jobs';
import { AssessmentFixtures, type TestTenant, testConfig } from '@app/testing';
import { startTestApi, type TestApi } from '../support/test-api.js';

interface Customer {
  readonly tenant: TestTenant;
  readonly assessmentId: string;
  findingId: string;
}

interface FindingView {
  id: string;
  status: string;
  sharedWithVendor: boolean;
  planDueOn: string | null;
  updates: {
    side: string;
    kind: string;
    text: string | null;
    authorName: string | null;
    evidence: { id: string; filename: string; mediaType: string }[];
  }[];
}

const FINDING = `id status sharedWithVendor planDueOn
  updates { side kind text authorName evidence { id filename mediaType } }`;

/**
 * Issue #7's story over HTTP: one MSP, three customers that found the same gap. One remediation
 * item reaches all three findings; A verifies (and its assessment is scored again), B accepts the
 * risk until a date after which the job queue reopens it, C reopens. No customer learns anything
 * of another: not through data, errors, mail or page sizes.
 */
describe('remediation story: one MSP, three customers', () => {
  let api: TestApi;
  let msp: TestTenant;
  let customers: Customer[];
  let questionId: string;
  let evidenceId: string;
  /** Everything each customer's calls returned, to search for the others afterwards. */
  const seenBy = new Map<string, string[]>();

  beforeAll(async () => {
    api = await startTestApi(testConfig({ JOBS_IN_PROCESS: 'true' }));
    msp = await api.tenant('Contoso Managed Services', { answersAssessments: true });
    customers = [];
    for (const name of ['Northwind Traders', 'Fabrikam Health', 'Tailspin Logistics']) {
      const tenant = await api.tenant(name);
      const completed = await new AssessmentFixtures(api.app, tenant, msp).completedFailing();
      questionId = completed.questionId;
      customers.push({ tenant, assessmentId: completed.id, findingId: '' });
    }
  }, 120_000);

  afterAll(() => api.close());

  async function gql<T>(who: TestTenant, query: string, variables?: Record<string, unknown>) {
    const response = await api.gql<T>(query, { token: who.token, variables });
    seenBy.set(who.tenant.id, [...(seenBy.get(who.tenant.id) ?? []), response.text]);
    return response;
  }

  async function ok<T>(who: TestTenant, query: string, variables?: Record<string, unknown>) {
    const response = await gql<T>(who, query, variables);
    expect(response.body.errors).toBeUndefined();
    return response.body.data as T;
  }

  const findingOf = async (c: Customer) =>
    (
      await ok<{ finding: FindingView }>(
        c.tenant,
        `query($f: ID!) { finding(id: $f) { ${FINDING} } }`,
        {
          f: c.findingId,
        },
      )
    ).finding;

  const [a, b, c] = [0, 1, 2].map((i) => () => customers[i]);

  it('raises the same finding at each customer and shows the MSP one group of three', async () => {
    for (const customer of customers) {
      const { findings } = await ok<{
        findings: { nodes: { id: string; questionId: string; sharedWithVendor: boolean }[] };
      }>(customer.tenant, `{ findings(first: 100) { nodes { id questionId sharedWithVendor } } }`);
      const mine = findings.nodes.filter((f) => f.questionId === questionId);
      expect(mine).toHaveLength(1);
      expect(mine[0]?.sharedWithVendor).toBe(true);
      customer.findingId = mine[0]?.id ?? '';
    }
    const { vendorFindingGroups } = await ok<{
      vendorFindingGroups: { key: string; customers: number; open: number; uncovered: number }[];
    }>(msp, `{ vendorFindingGroups(by: QUESTION) { key customers open uncovered } }`);
    expect(vendorFindingGroups.find((g) => g.key === questionId)).toEqual({
      key: questionId,
      customers: 3,
      open: 3,
      uncovered: 3,
    });
    const { vendorFindings } = await ok<{ vendorFindings: { nodes: { customerName: string }[] } }>(
      msp,
      `query($q: ID!) { vendorFindings(first: 10, questionId: $q) { nodes { customerName } } }`,
      { q: questionId },
    );
    expect(vendorFindings.nodes.map((n) => n.customerName).sort()).toEqual([
      'Fabrikam Health',
      'Northwind Traders',
      'Tailspin Logistics',
    ]);
  });

  it('lets one MSP item plan, report and resolve all three; each customer sees it on its own finding', async () => {
    const { createRemediationItem: item } = await ok<{
      createRemediationItem: { id: string; customers: number; findingsByStatus: unknown[] };
    }>(
      msp,
      `mutation($i: CreateRemediationItemInput!) {
         createRemediationItem(input: $i) { id customers findingsByStatus { status count } } }`,
      {
        i: {
          title: 'MFA on every technician account',
          questionId,
          ownerUserId: msp.userId,
          dueOn: '2030-03-31',
          milestones: [{ title: 'Conditional access pilot', dueOn: '2030-01-31' }],
          findingIds: customers.map((x) => x.findingId),
        },
      },
    );
    expect(item).toMatchObject({
      customers: 3,
      findingsByStatus: [{ status: 'PLANNED', count: 3 }],
    });
    // The proof is uploaded once, to the item, and posted with the update.
    const upload = await api
      .http()
      .post(`/remediation-items/${item.id}/evidence?fileName=ca-policy.txt`)
      .set('Authorization', `Bearer ${msp.token}`)
      .set('Content-Type', 'application/octet-stream')
      .send(Buffer.from('Conditional access: MFA required for the Technicians group.\n'));
    expect(upload.status).toBe(201);
    evidenceId = (upload.body as { id: string }).id;
    await ok(
      msp,
      `mutation($r: ID!, $e: [ID!]!) { postRemediationUpdate(itemId: $r, text: "Pilot done; rolling out.", started: true, evidenceIds: $e) { state } }`,
      { r: item.id, e: [evidenceId] },
    );
    // The answer is checked at the edge like any other: 51 choices are refused, nothing resolved.
    const oversized = await api.gql(
      `mutation($r: ID!, $c: [String!]) { resolveRemediationItem(itemId: $r, text: "Done.", answer: { choices: $c }) { state } }`,
      {
        token: msp.token,
        variables: { r: item.id, c: Array.from({ length: 51 }, (_, i) => `c${i}`) },
      },
    );
    expect(oversized.body.errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      validationErrors: [expect.stringMatching(/no more than 50 elements/)],
    });
    await ok(
      msp,
      `mutation($r: ID!) { resolveRemediationItem(itemId: $r, text: "Enforced for all.", answer: { choice: "yes" }) { state } }`,
      { r: item.id },
    );
    // The fixed answer, with the item's file, is now the MSP's library answer.
    const { libraryAnswers } = await ok<{
      libraryAnswers: {
        edges: { node: { questionId: string; value: { choice: string }; evidence: unknown[] } }[];
      };
    }>(
      msp,
      `{ libraryAnswers(first: 50) { edges { node { questionId value { choice } evidence { fileName } } } } }`,
    );
    expect(libraryAnswers.edges.map((e) => e.node)).toContainEqual({
      questionId,
      value: { choice: 'yes' },
      evidence: [{ fileName: 'ca-policy.txt' }],
    });
    // The MSP's list shows each customer's history of the same three updates.
    const { vendorFindings } = await ok<{
      vendorFindings: { nodes: { updates: { kind: string }[] }[] };
    }>(
      msp,
      `query($q: ID!) { vendorFindings(first: 10, questionId: $q) { nodes { updates { kind } } } }`,
      { q: questionId },
    );
    expect(vendorFindings.nodes.map((n) => n.updates.map((u) => u.kind))).toEqual(
      customers.map(() => ['plan', 'progress', 'resolved']),
    );
    for (const customer of customers) {
      const finding = await findingOf(customer);
      expect(finding).toMatchObject({ status: 'RESOLVED', planDueOn: '2030-03-31' });
      expect(finding.updates.map((u) => [u.side, u.kind, u.text])).toEqual([
        ['msp', 'plan', expect.stringContaining('by 2030-03-31')],
        ['msp', 'progress', 'Pilot done; rolling out.'],
        ['msp', 'resolved', 'Enforced for all.'],
      ]);
      expect(finding.updates[0]?.authorName).toBe(`Owner of Contoso Managed Services`);
      expect(finding.updates[1]?.evidence).toEqual([
        { id: evidenceId, filename: 'ca-policy.txt', mediaType: 'text/plain; charset=utf-8' },
      ]);
      const download = await api
        .http()
        .get(`/findings/${customer.findingId}/evidence/${evidenceId}`)
        .set('Authorization', `Bearer ${customer.tenant.token}`)
        .buffer(true);
      expect(download.status).toBe(200);
      expect(download.headers['content-disposition']).toContain('attachment');
      expect(String(download.text)).toContain('MFA required for the Technicians group');
    }
    // Only through one's own finding: another customer's finding, or the MSP's route, is 404.
    for (const url of [
      `/findings/${b().findingId}/evidence/${evidenceId}`,
      `/remediation-items/${item.id}/evidence/${evidenceId}`,
    ]) {
      const peek = await api.http().get(url).set('Authorization', `Bearer ${a().tenant.token}`);
      expect(peek.status).toBe(404);
    }
  });

  it('lets each customer judge on its own: A verifies and is rescored, B accepts until a date, C reopens', async () => {
    const history = (customer: Customer) =>
      ok<{ assessment: { scoreHistory: { overall: number | null }[] } }>(
        customer.tenant,
        `query($a: ID!) { assessment(id: $a) { scoreHistory { overall } } }`,
        { a: customer.assessmentId },
      );
    const before = (await history(a())).assessment.scoreHistory;
    await ok(
      a().tenant,
      `mutation($f: ID!) { verifyFinding(id: $f, note: "Checked.") { status } }`,
      {
        f: a().findingId,
      },
    );
    const after = (await history(a())).assessment.scoreHistory;
    expect(after).toHaveLength(before.length + 1);
    expect(after[0]?.overall ?? 0).toBeGreaterThan(before[0]?.overall ?? 0);

    const today = new Date().toISOString().slice(0, 10);
    await ok(
      b().tenant,
      `mutation($f: ID!, $d: String!) { acceptFindingRisk(id: $f, justification: "Jump host only.", expiresOn: $d) { id } }`,
      { f: b().findingId, d: today },
    );
    expect((await findingOf(b())).status).toBe('ACCEPTED');
    // Time passes: the acceptance's last day is behind us, and the daily job runs for B.
    await api.owner.query(
      `UPDATE risk_acceptances SET expires_on = expires_on - 1 WHERE finding_id = $1`,
      [b().findingId],
    );
    await api.app.get(JobQueue).sendAs(b().tenant.tenant.id, ASSESSMENTS_TENANT_SWEEP, {});
    let status = '';
    for (let i = 0; i < 100 && status !== 'REOPENED'; i++) {
      status = (await findingOf(b())).status;
      if (status !== 'REOPENED') await sleep(200);
    }
    expect(status).toBe('REOPENED');
    expect((await findingOf(b())).updates.at(-1)).toMatchObject({
      side: 'customer',
      kind: 'expired',
    });

    await ok(
      c().tenant,
      `mutation($f: ID!) { reopenFinding(id: $f, reason: "Two admins still without MFA.") { status } }`,
      {
        f: c().findingId,
      },
    );

    const { remediationItems } = await ok<{
      remediationItems: { nodes: { findingsByStatus: { status: string; count: number }[] }[] };
    }>(msp, `{ remediationItems(first: 5) { nodes { findingsByStatus { status count } } } }`);
    expect(
      Object.fromEntries(
        remediationItems.nodes[0]?.findingsByStatus.map((s) => [s.status, s.count]) ?? [],
      ),
    ).toEqual({ VERIFIED: 1, REOPENED: 2 });
    const { vendorFinding } = await ok<{ vendorFinding: { updates: { kind: string }[] } }>(
      msp,
      `query($f: ID!) { vendorFinding(id: $f) { updates { kind } } }`,
      { f: c().findingId },
    );
    expect(vendorFinding.updates.map((u) => u.kind)).toEqual([
      'plan',
      'progress',
      'resolved',
      'reopened',
    ]);
  });

  it('tells a customer nothing of the others: not through data, errors, pages or mail', async () => {
    const notFound = async (who: TestTenant, query: string, id: string) => {
      const response = await gql(who, query, { f: id });
      return {
        errors: response.body.errors?.map((e) => ({ ...e, path: undefined })),
        data: response.body.data,
      };
    };
    const probes = [
      `query($f: ID!) { finding(id: $f) { id } }`,
      `mutation($f: ID!) { verifyFinding(id: $f) { id } }`,
      `mutation($f: ID!) { reopenFinding(id: $f, reason: "x") { id } }`,
      `mutation($f: ID!) { acceptFindingRisk(id: $f, justification: "x", expiresOn: "2027-01-01") { id } }`,
      `mutation($f: ID!) { postFindingUpdate(id: $f, text: "x") { id } }`,
    ];
    // Another customer's finding and a finding that never existed look exactly alike.
    for (const query of probes) {
      const theirs = await notFound(a().tenant, query, b().findingId);
      const nobody = await notFound(a().tenant, query, randomUUID());
      expect(theirs).toEqual(nobody);
      expect(theirs.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    }
    // A's pages count A's findings alone: a page as long as A's list has no next page.
    const pageOf = (first: number) =>
      ok<{ findings: { nodes: { id: string }[]; hasNextPage: boolean } }>(
        a().tenant,
        `query($n: Int!) { findings(first: $n) { nodes { id } hasNextPage } }`,
        { n: first },
      );
    const all = (await pageOf(100)).findings;
    expect(all.hasNextPage).toBe(false);
    expect((await pageOf(all.nodes.length)).findings.hasNextPage).toBe(false);
    expect((await pageOf(all.nodes.length - 1)).findings.hasNextPage).toBe(true);
    // A is nobody's vendor: its workspace is empty.
    const workspace = await ok<{
      vendorFindingGroups: unknown[];
      vendorFindings: { nodes: unknown[] };
    }>(
      a().tenant,
      `{ vendorFindingGroups(openOnly: false) { key } vendorFindings(first: 5) { nodes { id } } }`,
    );
    expect(workspace).toEqual({ vendorFindingGroups: [], vendorFindings: { nodes: [] } });

    // Nothing any customer was shown names another customer.
    for (const customer of customers) {
      const text = (seenBy.get(customer.tenant.tenant.id) ?? []).join('\n');
      for (const other of customers.filter((x) => x !== customer)) {
        for (const secret of [other.tenant.tenant.id, other.tenant.tenant.name, other.findingId]) {
          expect(text).not.toContain(secret);
        }
      }
      const mail = await api.owner.query<{ body: string }[]>(
        `SELECT subject || body_text AS body FROM outbox_messages WHERE recipient = $1`,
        [customer.tenant.email],
      );
      for (const other of customers.filter((x) => x !== customer)) {
        expect(mail.map((m) => m.body).join('\n')).not.toContain(other.tenant.tenant.name);
      }
    }
  });
});
