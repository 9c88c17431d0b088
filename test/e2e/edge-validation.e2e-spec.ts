import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import { InboxService } from '@app/assessments';
import { AssessmentFixtures, type TestTenant } from '@app/testing';
import { startTestApi, type TestApi } from '../support/test-api.js';

const SAVE =
  'mutation($a: ID!, $s: [AnswerSaveInput!]!) { saveAnswers(assessmentId: $a, answers: $s) { version } }';

/** Issue 13, item 8: every argument is checked at the edge; a bad one gets a 4xx, never a 500. */
describe('arguments out of range or repeated', () => {
  let api: TestApi;
  let customer: TestTenant;
  let msp: TestTenant;
  let fixtures: AssessmentFixtures;

  beforeAll(async () => {
    api = await startTestApi();
    customer = await api.tenant('Edge Customer');
    msp = await api.tenant('Edge MSP', { answersAssessments: true });
    fixtures = new AssessmentFixtures(api.app, customer, msp);
  });

  afterAll(() => api.close());

  it('refuses an expectedVersion past what a version can hold as bad input', async () => {
    const id = await fixtures.sent();
    const content = await msp.as(() => api.app.get(InboxService).content(id));
    const question = content.template.families
      .flatMap((f) => f.questions)
      .find((q) => q.answer.type === 'yes_no' && !q.visibleWhen);
    if (!question) throw new Error('the sample assessment asks no plain yes/no question');
    const response = await api.gql(SAVE, {
      token: msp.token,
      variables: {
        a: id,
        s: [
          {
            questionId: question.id,
            expectedVersion: 2147483647,
            notApplicable: true,
            notApplicableReason: 'No remote access at all.',
          },
        ],
      },
    });
    expect(response.body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(response.status).toBeLessThan(500);
    // The largest version whose successor fits is an ordinary stale version.
    const stale = await api.gql(SAVE, {
      token: msp.token,
      variables: {
        a: id,
        s: [
          {
            questionId: question.id,
            expectedVersion: 2147483646,
            notApplicable: true,
            notApplicableReason: 'No remote access at all.',
          },
        ],
      },
    });
    expect(stale.body.errors?.[0]?.extensions).toMatchObject({
      code: 'CONFLICT',
      reason: 'ANSWER_CHANGED',
    });
  });

  it('refuses a repeated fileName query parameter on every upload route with 400', async () => {
    const routes = [
      `/inbox/assessments/${randomUUID()}/questions/q1/evidence`,
      `/remediation-items/${randomUUID()}/evidence`,
    ];
    for (const route of routes) {
      const response = await api
        .http()
        .post(`${route}?fileName=a.txt&fileName=b.txt`)
        .set('Authorization', `Bearer ${msp.token}`)
        .set('Content-Type', 'application/octet-stream')
        .send(Buffer.from('text\n'));
      expect(response.status).toBe(400);
      expect(response.body).toMatchObject({
        code: 'BAD_USER_INPUT',
        reason: 'QUERY_PARAMETER_INVALID',
      });
    }
  });

  it('refuses a reassessment tier outside 1 to 4 as bad input', async () => {
    const response = await api.gql(
      'mutation { setReassessmentCycle(tier: 99999, months: 12) { tier months } }',
      { token: customer.token },
    );
    expect(response.body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });
});
