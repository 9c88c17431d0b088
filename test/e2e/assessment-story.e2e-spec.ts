import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { invitationTokenFor, LOW_RISK_INTAKE, type TestTenant } from '@app/testing';
import { startTestApi, type TestApi } from '../support/test-api.js';

interface QuestionView {
  id: string;
  answerType: string;
  options: { value: string }[];
  min: number | null;
  visible: boolean;
  answer: { version: number; reviewStatus: string; reviewComment: string | null } | null;
}

const QUESTIONS = `questions { id answerType options { value } min visible
  answer { version reviewStatus reviewComment } }`;

/** A valid GraphQL answer for a question; IRP-05 (notification hours) says 72 on purpose. */
function answerFor(q: QuestionView): Record<string, unknown> {
  const base = { questionId: q.id, expectedVersion: q.answer?.version ?? 0 };
  if (q.id === 'IRP-05') return { ...base, number: 72 };
  switch (q.answerType) {
    case 'YES_NO':
      return { ...base, choice: 'yes' };
    case 'SINGLE_CHOICE':
      return { ...base, choice: q.options[0].value };
    case 'MULTIPLE_CHOICE':
      return { ...base, choices: [q.options[0].value] };
    case 'NUMBER':
      return { ...base, number: Math.max(q.min ?? 0, 12) };
    case 'PERCENTAGE':
      return { ...base, number: 100 };
    case 'DATE':
      return { ...base, date: '2026-10-01' };
    case 'TEXT':
      return { ...base, text: 'Described in our security policy, section 4.' };
    default:
      return { ...base, notApplicable: true };
  }
}

/**
 * The whole assessment story over HTTP: two customers and one MSP that serves both. Inventory,
 * intake and tier, a contract, sending, the MSP accepting, answers with evidence, a conflicting
 * save, submission refused then accepted, review with a change request, and completion; the MSP's
 * inbox shows both customers while neither customer sees the other.
 */
describe('assessment story: two customers, one MSP', () => {
  let api: TestApi;
  let northwind: TestTenant;
  let fabrikam: TestTenant;
  let contoso: TestTenant;

  beforeAll(async () => {
    api = await startTestApi();
    northwind = await api.tenant('Northwind Traders');
    fabrikam = await api.tenant('Fabrikam Health');
    contoso = await api.tenant('Contoso Managed Services', { answersAssessments: true });
  });

  afterAll(() => api.close());

  async function gqlOk<T>(token: string, query: string, variables?: Record<string, unknown>) {
    const response = await api.gql<T>(query, { token, variables });
    expect(response.body.errors).toBeUndefined();
    return response.body.data as T;
  }

  async function gqlError(token: string, query: string, variables?: Record<string, unknown>) {
    const response = await api.gql(query, { token, variables });
    return response.body.errors?.[0]?.extensions ?? {};
  }

  /** Inventory, intake, send; the MSP accepts the mailed invitation. */
  async function sendFrom(customer: TestTenant): Promise<{ vendorId: string; id: string }> {
    const { createVendor } = await gqlOk<{ createVendor: { id: string; tier: number } }>(
      customer.token,
      `mutation($i: VendorInput!) { createVendor(input: $i) { id tier } }`,
      {
        i: {
          name: 'Contoso Managed Services',
          domains: ['contoso-msp.example'],
          services: [{ name: 'Managed endpoints', inScope: true }],
          access: { remoteAccessTools: ['RMM agent'], privilegedAccounts: [], systems: ['M365'] },
          intake: {
            dataAccess: LOW_RISK_INTAKE.dataAccess.toUpperCase(),
            privilegedAccess: LOW_RISK_INTAKE.privilegedAccess.toUpperCase(),
            businessImpact: LOW_RISK_INTAKE.businessImpact.toUpperCase(),
            substitutability: LOW_RISK_INTAKE.substitutability.toUpperCase(),
          },
        },
      },
    );
    expect(createVendor.tier).toBe(4);
    const { createAssessment } = await gqlOk<{ createAssessment: { id: string; state: string } }>(
      customer.token,
      `mutation($i: CreateAssessmentInput!) { createAssessment(input: $i) { id state } }`,
      {
        i: {
          vendorId: createVendor.id,
          templateKey: 'msp-advisory',
          templateVersion: '1.0.0',
          dueOn: '2030-06-30',
        },
      },
    );
    expect(createAssessment.state).toBe('DRAFT');
    await gqlOk(
      customer.token,
      `mutation($a: ID!, $e: [String!]!) { sendAssessment(id: $a, respondentEmails: $e) { state } }`,
      { a: createAssessment.id, e: [contoso.email] },
    );
    const token = await invitationTokenFor(api.app, contoso.email);
    const { acceptAssessmentInvitation } = await gqlOk<{
      acceptAssessmentInvitation: { id: string; customerName: string };
    }>(
      contoso.token,
      `mutation($t: String!) { acceptAssessmentInvitation(token: $t) { id customerName } }`,
      { t: token },
    );
    expect(acceptAssessmentInvitation.customerName).toBe(customer.tenant.name);
    return { vendorId: createVendor.id, id: createAssessment.id };
  }

  async function inboxQuestions(id: string): Promise<QuestionView[]> {
    const data = await gqlOk<{ inboxAssessment: { questions: QuestionView[] } }>(
      contoso.token,
      `query($a: ID!) { inboxAssessment(id: $a) { ${QUESTIONS} } }`,
      { a: id },
    );
    return data.inboxAssessment.questions;
  }

  async function saveAnswers(id: string, answers: Record<string, unknown>[]) {
    return api.gql<{
      saveAnswers: { questionId: string; version: number; value: Record<string, unknown> }[];
    }>(
      `mutation($a: ID!, $s: [AnswerSaveInput!]!) { saveAnswers(assessmentId: $a, answers: $s) { questionId version value { choice choices number date text } } }`,
      { token: contoso.token, variables: { a: id, s: answers } },
    );
  }

  it('plays the whole story', async () => {
    const a = await sendFrom(northwind);
    const b = await sendFrom(fabrikam);

    // A contract promising notification within 24 hours; gaps are listed at once.
    const { createContract } = await gqlOk<{ createContract: { gaps: { clause: string }[] } }>(
      northwind.token,
      `mutation($v: ID!, $i: ContractInput!) { createContract(vendorId: $v, input: $i) { gaps { clause } } }`,
      {
        v: a.vendorId,
        i: {
          title: 'Managed services agreement 2026',
          startsOn: '2026-01-01',
          clauses: {
            incidentNotification: { withinHours: 24, channels: ['phone', 'email'] },
            logRetentionMonths: 12,
            mfaRequired: true,
          },
        },
      },
    );
    expect(createContract.gaps.map((g) => g.clause)).toContain('auditRights');

    // One inbox, both customers.
    const { inbox } = await gqlOk<{ inbox: { nodes: { id: string; customerName: string }[] } }>(
      contoso.token,
      `{ inbox(first: 10) { nodes { id customerName } } }`,
    );
    expect(inbox.nodes.map((n) => n.customerName).sort()).toEqual([
      'Fabrikam Health',
      'Northwind Traders',
    ]);
    // Neither customer sees the other's assessment, nor learns that it exists.
    expect(
      await gqlError(fabrikam.token, `query($a: ID!) { assessment(id: $a) { id } }`, { a: a.id }),
    ).toMatchObject({ code: 'NOT_FOUND', reason: 'ASSESSMENT_NOT_FOUND' });
    const fabrikamList = await gqlOk<{ assessments: { nodes: { id: string }[] } }>(
      fabrikam.token,
      `{ assessments(first: 50) { nodes { id } } }`,
    );
    expect(fabrikamList.assessments.nodes.map((n) => n.id)).toEqual([b.id]);

    // A first answer, then a colleague's stale save of the same question.
    let questions = await inboxQuestions(a.id);
    const first = questions[0];
    const saved = await saveAnswers(a.id, [answerFor(first)]);
    expect(saved.body.data?.saveAnswers[0].version).toBe(1);
    const stale = await saveAnswers(a.id, [
      {
        questionId: first.id,
        expectedVersion: 0,
        notApplicable: true,
        notApplicableReason: 'No remote access at all.',
      },
    ]);
    expect(stale.body.errors?.[0]?.extensions).toMatchObject({
      code: 'CONFLICT',
      reason: 'ANSWER_CHANGED',
      // The stored answer, in the shape the API shows answers.
      current: {
        questionId: first.id,
        version: 1,
        value: expect.objectContaining(
          Object.fromEntries(
            Object.entries(saved.body.data?.saveAnswers[0].value ?? {}).filter(
              ([, v]) => v !== null,
            ),
          ),
        ),
      },
    });

    // Evidence: uploaded by the MSP, checked by content, downloadable by the customer only.
    const upload = await api
      .http()
      .post(`/inbox/assessments/${a.id}/questions/${first.id}/evidence?fileName=mfa-policy.txt`)
      .set('Authorization', `Bearer ${contoso.token}`)
      .set('Content-Type', 'application/octet-stream')
      .send(Buffer.from('All technician accounts use phishing-resistant MFA.\n'));
    expect(upload.status).toBe(201);
    const evidenceId = (upload.body as { id: string }).id;
    const disguised = await api
      .http()
      .post(`/inbox/assessments/${a.id}/questions/${first.id}/evidence?fileName=policy.pdf`)
      .set('Authorization', `Bearer ${contoso.token}`)
      .set('Content-Type', 'application/octet-stream')
      .send(Buffer.from('MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff', 'latin1'));
    expect(disguised.status).toBe(400);
    expect(disguised.body).toMatchObject({ reason: 'EVIDENCE_TYPE_MISMATCH' });
    const download = await api
      .http()
      .get(`/assessments/evidence/${evidenceId}`)
      .set('Authorization', `Bearer ${northwind.token}`)
      .buffer(true);
    expect(download.status).toBe(200);
    expect(download.headers['content-disposition']).toContain('attachment');
    expect(download.headers['x-content-type-options']).toBe('nosniff');
    expect(String(download.text)).toContain('phishing-resistant');
    const peek = await api
      .http()
      .get(`/assessments/evidence/${evidenceId}`)
      .set('Authorization', `Bearer ${fabrikam.token}`);
    expect(peek.status).toBe(404);

    // Submitting too early names what is missing; then everything is answered and submitted.
    const early = await gqlError(
      contoso.token,
      `mutation($a: ID!) { submitAssessment(id: $a) { state } }`,
      {
        a: a.id,
      },
    );
    expect(early).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'ANSWERS_MISSING' });
    // Only shown questions take an answer: answer what is shown until nothing new appears.
    for (;;) {
      questions = await inboxQuestions(a.id);
      const open = questions.filter((q) => q.visible && q.id !== first.id && !q.answer?.version);
      if (open.length === 0) break;
      expect((await saveAnswers(a.id, open.map(answerFor))).body.errors).toBeUndefined();
    }
    const submitted = await gqlOk<{ submitAssessment: { state: string } }>(
      contoso.token,
      `mutation($a: ID!) { submitAssessment(id: $a) { state } }`,
      { a: a.id },
    );
    expect(submitted.submitAssessment.state).toBe('SUBMITTED');

    // The contract promised 24 hours; the answer says 72.
    const { contractCheck } = await gqlOk<{
      contractCheck: { contradictions: { questionId: string; answerSays: string }[] };
    }>(
      northwind.token,
      `query($v: ID!) { contractCheck(vendorId: $v) { contradictions { questionId answerSays } } }`,
      { v: a.vendorId },
    );
    expect(contractCheck.contradictions).toEqual([
      { questionId: 'IRP-05', answerSays: 'notifies within 72 hours' },
    ]);

    // Review: flag one answer, comment, send back; the MSP sees what to fix.
    await gqlOk(
      northwind.token,
      `mutation($a: ID!, $q: ID!) { reviewAnswer(assessmentId: $a, questionId: $q, decision: FLAGGED, comment: "Name the MFA product.") { reviewStatus } }`,
      { a: a.id, q: first.id },
    );
    await gqlOk(
      northwind.token,
      `mutation($a: ID!, $q: ID!) { postReviewComment(assessmentId: $a, questionId: $q, body: "Is it enforced for subcontractors too?") { id } }`,
      { a: a.id, q: first.id },
    );
    await gqlOk(
      northwind.token,
      `mutation($a: ID!) { addAssessmentNote(assessmentId: $a, body: "Internal: renewal in March.") { id } }`,
      { a: a.id },
    );
    const sentBack = await gqlOk<{ requestAssessmentChanges: { state: string } }>(
      northwind.token,
      `mutation($a: ID!) { requestAssessmentChanges(id: $a, message: "One answer to complete.") { state } }`,
      { a: a.id },
    );
    expect(sentBack.requestAssessmentChanges.state).toBe('CHANGES_REQUESTED');
    const mspView = await api.gql<{
      inboxAssessment: {
        state: string;
        questions: (QuestionView & { comments: { authorSide: string; body: string }[] })[];
      };
    }>(
      `query($a: ID!) { inboxAssessment(id: $a) { state questions { id answerType options { value } min visible answer { version reviewStatus reviewComment } comments { authorSide body } } } }`,
      { token: contoso.token, variables: { a: a.id } },
    );
    expect(mspView.text).not.toContain('renewal in March');
    const flagged = mspView.body.data?.inboxAssessment.questions.find((q) => q.id === first.id);
    expect(flagged?.answer).toMatchObject({
      reviewStatus: 'FLAGGED',
      reviewComment: 'Name the MFA product.',
    });
    expect(flagged?.comments).toEqual([
      { authorSide: 'CUSTOMER', body: 'Is it enforced for subcontractors too?' },
    ]);

    // The MSP fixes it and resubmits; the customer accepts and completes.
    expect(
      (await saveAnswers(a.id, [answerFor(flagged as QuestionView)])).body.errors,
    ).toBeUndefined();
    await gqlOk(contoso.token, `mutation($a: ID!) { submitAssessment(id: $a) { state } }`, {
      a: a.id,
    });
    await gqlOk(
      northwind.token,
      `mutation($a: ID!, $q: ID!) { reviewAnswer(assessmentId: $a, questionId: $q, decision: ACCEPTED) { reviewStatus } }`,
      { a: a.id, q: first.id },
    );
    // Only review-scored answers (text, evidence) take a grade.
    const graded = await api.gql(
      `mutation($a: ID!, $q: ID!) { reviewAnswer(assessmentId: $a, questionId: $q, decision: ACCEPTED, grade: 1) { grade } }`,
      { token: northwind.token, variables: { a: a.id, q: first.id } },
    );
    expect(graded.body.errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      reason: 'GRADE_INVALID',
      questionId: first.id,
    });
    const done = await gqlOk<{
      completeAssessment: { state: string; timeline: { toState: string; actorSide: string }[] };
    }>(
      northwind.token,
      `mutation($a: ID!) { completeAssessment(id: $a) { state timeline { toState actorSide } } }`,
      { a: a.id },
    );
    expect(done.completeAssessment.state).toBe('COMPLETED');
    expect(done.completeAssessment.timeline.map((e) => `${e.toState}/${e.actorSide}`)).toEqual([
      'sent/CUSTOMER',
      'in_progress/VENDOR',
      'submitted/VENDOR',
      'in_review/CUSTOMER',
      'changes_requested/CUSTOMER',
      'submitted/VENDOR',
      'in_review/CUSTOMER',
      'completed/CUSTOMER',
    ]);

    // The stored score says what it left out: accepted N/A claims, pending answers, open knockouts.
    const { assessment: scored } = await gqlOk<{
      assessment: {
        score: {
          engineVersion: string;
          pending: { count: number; weight: number };
          notApplicable: { count: number };
          openKnockouts: { questionId: string }[];
          families: { pending: { count: number }; questions: { reason: string | null }[] }[];
        };
      };
    }>(
      northwind.token,
      `query($a: ID!) { assessment(id: $a) { score { engineVersion pending { count weight } notApplicable { count } openKnockouts { questionId } families { pending { count } questions { reason note } } } } }`,
      { a: a.id },
    );
    const waiting = scored.score.families
      .flatMap((f) => f.questions)
      .filter((q) => q.reason === 'pending_review').length;
    expect(scored.score).toMatchObject({ engineVersion: '2.0.0', notApplicable: { count: 0 } });
    expect(scored.score.pending.count).toBe(
      scored.score.families.reduce((sum, f) => sum + f.pending.count, 0),
    );
    expect(scored.score.pending.count).toBeGreaterThanOrEqual(waiting);

    // Still one inbox with both customers; Fabrikam's assessment untouched by all of this.
    const fabrikamView = await gqlOk<{ assessment: { state: string } }>(
      fabrikam.token,
      `query($a: ID!) { assessment(id: $a) { state } }`,
      { a: b.id },
    );
    expect(fabrikamView.assessment.state).toBe('SENT');
  });
});
