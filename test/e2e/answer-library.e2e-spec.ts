import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { InboxService } from '@app/assessments';
import { AssessmentFixtures, type TestTenant } from '@app/testing';
import { startTestApi, type TestApi } from '../support/test-api.js';

/** The answer library over HTTP: an MSP keeps an answer, shares, prefills, and stops sharing. */
describe('answer library over GraphQL', () => {
  let api: TestApi;
  let customer: TestTenant;
  let msp: TestTenant;
  let fixtures: AssessmentFixtures;

  beforeAll(async () => {
    api = await startTestApi();
    customer = await api.tenant('Library Customer');
    msp = await api.tenant('Library MSP', { answersAssessments: true });
    fixtures = new AssessmentFixtures(api.app, customer, msp);
  });

  afterAll(() => api.close());

  it('prefills a respondent’s assessment only while the customer has a grant', async () => {
    const id = await fixtures.sent();
    const assessment = await msp.as(() => api.app.get(InboxService).content(id));
    const question = assessment.template.families
      .flatMap((f) => f.questions)
      .find(
        (q) =>
          assessment.assessment.questionIds.includes(q.id) &&
          q.answer.type === 'yes_no' &&
          !q.visibleWhen,
      );
    if (!question) throw new Error('the sample assessment asks no plain yes/no question');
    const respondent = await msp.addMember('respondent');

    const kept = await api.gql<{ saveLibraryAnswer: { questionId: string; stale: boolean } }>(
      `mutation($i: LibraryAnswerInput!) { saveLibraryAnswer(input: $i) { questionId stale } }`,
      {
        token: respondent.token,
        variables: {
          i: {
            templateKey: 'msp-advisory',
            templateVersion: '1.0.0',
            questionId: question.id,
            choice: 'partial',
            note: 'Two break-glass accounts are exempt.',
          },
        },
      },
    );
    expect(kept.body).toEqual({
      data: { saveLibraryAnswer: { questionId: question.id, stale: false } },
    });

    const prefill = `query($a: ID!) { libraryPrefill(assessmentId: $a) {
      available reason suggestions { questionId libraryQuestionId matchedBy stale value { choice } } } }`;
    const before = await api.gql(prefill, { token: respondent.token, variables: { a: id } });
    expect(before.body).toEqual({
      data: { libraryPrefill: { available: false, reason: 'NO_GRANT', suggestions: [] } },
    });

    // Respondents may not share the library; the owner may.
    const grant = `mutation($a: ID!, $e: DateTime!) { grantLibraryAccess(assessmentId: $a, expiresAt: $e) { id status customerName } }`;
    const expiresAt = new Date(Date.now() + 90 * 24 * 3600 * 1000).toISOString();
    const refused = await api.gql(grant, {
      token: respondent.token,
      variables: { a: id, e: expiresAt },
    });
    expect(refused.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const granted = await api.gql<{ grantLibraryAccess: { id: string; status: string } }>(grant, {
      token: msp.token,
      variables: { a: id, e: expiresAt },
    });
    expect(granted.body.data?.grantLibraryAccess).toMatchObject({
      status: 'ACTIVE',
      customerName: customer.tenant.name,
    });

    const offered = await api.gql(prefill, { token: respondent.token, variables: { a: id } });
    expect(offered.body).toEqual({
      data: {
        libraryPrefill: {
          available: true,
          reason: null,
          suggestions: [
            {
              questionId: question.id,
              libraryQuestionId: question.id,
              matchedBy: 'QUESTION',
              stale: false,
              value: { choice: 'partial' },
            },
          ],
        },
      },
    });
    const applied = await api.gql(
      `mutation($a: ID!, $c: [PrefillChoiceInput!]!) { applyLibraryPrefill(assessmentId: $a, choices: $c) { questionId version value { choice } } }`,
      { token: respondent.token, variables: { a: id, c: [{ questionId: question.id }] } },
    );
    expect(applied.body).toEqual({
      data: {
        applyLibraryPrefill: [
          { questionId: question.id, version: 1, value: { choice: 'partial' } },
        ],
      },
    });

    const revoked = await api.gql(
      `mutation($g: ID!) { revokeLibraryGrant(id: $g) { status revokedAt } }`,
      { token: msp.token, variables: { g: granted.body.data?.grantLibraryAccess.id } },
    );
    expect(revoked.body.data).toMatchObject({ revokeLibraryGrant: { status: 'REVOKED' } });
    const after = await api.gql(prefill, { token: respondent.token, variables: { a: id } });
    expect(after.body.data).toEqual({
      libraryPrefill: { available: false, reason: 'NO_GRANT', suggestions: [] },
    });

    const listed = await api.gql(
      `{ libraryAnswers(first: 10) { edges { cursor node { questionId note stale value { choice } } } pageInfo { hasNextPage endCursor } } }`,
      { token: respondent.token },
    );
    expect(listed.body).toEqual({
      data: {
        libraryAnswers: {
          edges: [
            {
              cursor: question.id,
              node: {
                questionId: question.id,
                note: 'Two break-glass accounts are exempt.',
                stale: false,
                value: { choice: 'partial' },
              },
            },
          ],
          pageInfo: { hasNextPage: false, endCursor: question.id },
        },
      },
    });
    // The customer's people cannot reach the library at all.
    const customerRead = await api.gql(`{ libraryAnswers(first: 10) { edges { cursor } } }`, {
      token: customer.token,
    });
    expect(customerRead.body).toEqual({
      data: { libraryAnswers: { edges: [] } },
    });
  });

  it('refuses grants that never end or already ended', async () => {
    const id = await fixtures.sent();
    for (const days of [-1, 800]) {
      const response = await api.gql(
        `mutation($a: ID!, $e: DateTime!) { grantLibraryAccess(assessmentId: $a, expiresAt: $e) { id } }`,
        {
          token: msp.token,
          variables: { a: id, e: new Date(Date.now() + days * 24 * 3600 * 1000).toISOString() },
        },
      );
      expect(response.body.errors?.[0]?.extensions).toMatchObject({
        code: 'BAD_USER_INPUT',
        reason: 'LIBRARY_GRANT_INVALID',
      });
    }
  });
});
