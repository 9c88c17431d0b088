import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { type Role, ROLES, roleAllows } from '@app/access';
import { ApiKeysService, InvitationsService, SessionService } from '@app/auth';
import {
  AssessmentsService,
  EvidenceService,
  FindingsService,
  InboxService,
  RemediationItemsService,
  LibraryGrantsService,
  LibraryService,
} from '@app/assessments';
import { CatalogService } from '@app/catalog';
import { ContractsService, VendorsService } from '@app/vendors';
import {
  ADVISORY,
  AssessmentFixtures,
  DUE_ON,
  invitationTokenFor,
  sampleAnswer,
  TEST_PASSWORD,
  type TestTenant,
} from '@app/testing';
import { GraphQLSchemaHost } from '@nestjs/graphql';
import {
  type OperationAccess,
  operationAccess,
  renderPermissionMatrix,
} from '../../apps/api/src/auth/operation-permissions.js';
import { startTestApi, type TestApi } from '../support/test-api.js';

const MATRIX_FILE = join(process.cwd(), 'docs/permissions.md');

interface Call {
  readonly document: string;
  readonly variables?: Record<string, unknown>;
}

interface Fixture {
  readonly api: TestApi;
  /** The organization every call targets: a customer that is also an MSP. */
  readonly home: TestTenant;
  /** Home sends assessments to a partner MSP... */
  readonly homeAsCustomer: AssessmentFixtures;
  /** ...and answers the partner's. */
  readonly homeAsMsp: AssessmentFixtures;
}

/**
 * One sample call per root operation. A new operation without an entry here fails the test, so
 * nobody can add an operation without saying how it is reached and by whom.
 */
const SAMPLE_CALLS: Record<string, (f: Fixture) => Promise<Call>> = {
  organization: () => Promise.resolve({ document: '{ organization { id } }' }),
  me: () => Promise.resolve({ document: '{ me { userId role } }' }),
  members: () => Promise.resolve({ document: '{ members { userId } }' }),
  auditEvents: () =>
    Promise.resolve({ document: '{ auditEvents(first: 1) { edges { cursor } } }' }),
  verifyAuditTrail: () => Promise.resolve({ document: '{ verifyAuditTrail { valid } }' }),
  changeMemberRole: async (f) => ({
    document: 'mutation($u: ID!) { changeMemberRole(userId: $u, role: ASSESSOR) { userId } }',
    variables: { u: (await f.home.addMember('respondent')).userId },
  }),
  removeMember: async (f) => ({
    document: 'mutation($u: ID!) { removeMember(userId: $u) }',
    variables: { u: (await f.home.addMember('respondent')).userId },
  }),
  switchOrganization: (f) =>
    Promise.resolve({
      document: 'mutation($o: ID!) { switchOrganization(organizationId: $o) { organizationId } }',
      variables: { o: f.home.tenant.id },
    }),
  changePassword: () =>
    Promise.resolve({
      document: 'mutation($i: ChangePasswordInput!) { changePassword(input: $i) { accessToken } }',
      variables: { i: { currentPassword: TEST_PASSWORD, newPassword: `new ${TEST_PASSWORD} 7` } },
    }),
  signUp: () =>
    Promise.resolve({
      document: 'mutation($i: SignUpInput!) { signUp(input: $i) { accessToken } }',
      variables: {
        i: {
          email: `matrix-${randomUUID()}@example.test`,
          password: TEST_PASSWORD,
          displayName: 'Matrix',
          organizationName: 'Matrix Org',
        },
      },
    }),
  login: (f) =>
    Promise.resolve({
      document: 'mutation($i: LoginInput!) { login(input: $i) { accessToken } }',
      variables: { i: { email: f.home.email, password: TEST_PASSWORD } },
    }),
  refreshSession: async (f) => ({
    document: 'mutation($t: String!) { refreshSession(refreshToken: $t) { accessToken } }',
    variables: {
      t: (await f.api.app.get(SessionService).login(f.home.email, TEST_PASSWORD)).refreshToken,
    },
  }),
  requestPasswordReset: () =>
    Promise.resolve({
      document: 'mutation($e: String!) { requestPasswordReset(email: $e) }',
      variables: { e: `nobody-${randomUUID()}@example.test` },
    }),
  resetPassword: () =>
    Promise.resolve({
      // A syntactically valid but unknown token: public, so refused by the service, not the guard.
      document: 'mutation($i: ResetPasswordInput!) { resetPassword(input: $i) }',
      variables: { i: { token: 'unknown-token', newPassword: `another ${TEST_PASSWORD}` } },
    }),
  apiKeys: () => Promise.resolve({ document: '{ apiKeys { id } }' }),
  storageUsage: () =>
    Promise.resolve({ document: '{ storageUsage { usedBytes quotaBytes files } }' }),
  createApiKey: () =>
    Promise.resolve({
      document: 'mutation { createApiKey(name: "CI", role: AUDITOR) { secret } }',
    }),
  revokeApiKey: async (f) => ({
    document: 'mutation($k: ID!) { revokeApiKey(apiKeyId: $k) }',
    variables: {
      k: (await f.home.as(() => f.api.app.get(ApiKeysService).create('To revoke', 'auditor')))
        .apiKey.id,
    },
  }),
  templates: () => Promise.resolve({ document: '{ templates { key } }' }),
  templateVersion: () =>
    Promise.resolve({
      document:
        '{ templateVersion(ref: { key: "msp-advisory", version: "1.0.0", builtIn: true }) { key } }',
    }),
  questionsByControl: () =>
    Promise.resolve({
      document: '{ questionsByControl(framework: CSF_2_0, controlId: "PR.AA-03") { questionId } }',
    }),
  templateDiff: () =>
    Promise.resolve({
      document:
        '{ templateDiff(from: { key: "msp-advisory", version: "1.0.0", builtIn: true }, to: { key: "msp-advisory", version: "1.0.0", builtIn: true }) { kind } }',
    }),
  copyTemplate: () =>
    Promise.resolve({
      document:
        'mutation($k: String!) { copyTemplate(from: { key: "msp-contract-checklist", version: "1.0.0", builtIn: true }, newKey: $k) { key } }',
      variables: { k: `copy-${randomUUID().slice(0, 8)}` },
    }),
  editTemplateDraft: async (f) => ({
    document:
      'mutation($k: String!) { editTemplateDraft(key: $k, edit: { action: SET_QUESTION_WEIGHT, questionId: "CSD-01", weight: 2 }) { version } }',
    variables: { k: await homeDraft(f) },
  }),
  publishTemplateDraft: async (f) => ({
    document: 'mutation($k: String!) { publishTemplateDraft(key: $k) { status } }',
    variables: { k: await homeDraft(f) },
  }),
  startTemplateDraft: async (f) => {
    const key = await homeDraft(f);
    await f.home.as(() => f.api.app.get(CatalogService).publish(key));
    return {
      document: 'mutation($k: String!) { startTemplateDraft(key: $k) { version } }',
      variables: { k: key },
    };
  },
  importTemplate: () =>
    Promise.resolve({
      document: 'mutation($i: ImportTemplateInput!) { importTemplate(input: $i) { key } }',
      variables: {
        i: {
          format: 'CSV',
          fileName: 'matrix.csv',
          key: `import-${randomUUID().slice(0, 8)}`,
          title: 'Imported',
          contentBase64: Buffer.from(
            'family_id,family_title,question_id,question,answer_type\nops,Operations,OP-01,Is there an on-call rota for incidents?,yes_no\n',
          ).toString('base64'),
        },
      },
    }),
  vendorInventory: () =>
    Promise.resolve({ document: '{ vendorInventory(first: 5) { nodes { id } } }' }),
  vendor: async (f) => ({
    document: 'query($v: ID!) { vendor(id: $v) { name } }',
    variables: { v: await homeVendor(f) },
  }),
  createVendor: () =>
    Promise.resolve({
      document: 'mutation($i: VendorInput!) { createVendor(input: $i) { id } }',
      variables: { i: vendorInput(`Matrix MSP ${randomUUID().slice(0, 8)}`) },
    }),
  updateVendor: async (f) => ({
    document:
      'mutation($v: ID!, $i: VendorInput!) { updateVendor(id: $v, version: 1, input: $i) { version } }',
    variables: {
      v: await homeVendor(f),
      i: vendorInput(`Renamed MSP ${randomUUID().slice(0, 8)}`),
    },
  }),
  overrideVendorTier: async (f) => ({
    document:
      'mutation($v: ID!) { overrideVendorTier(vendorId: $v, version: 1, tier: 2, reason: "Reviewed access in person last week.") { tier } }',
    variables: { v: await homeVendor(f) },
  }),
  vendorContracts: async (f) => ({
    document: 'query($v: ID!) { vendorContracts(vendorId: $v) { id } }',
    variables: { v: await homeVendor(f) },
  }),
  createContract: async (f) => ({
    document:
      'mutation($v: ID!, $i: ContractInput!) { createContract(vendorId: $v, input: $i) { id } }',
    variables: { v: await homeVendor(f), i: CONTRACT_INPUT },
  }),
  updateContract: async (f) => {
    const vendorId = await homeVendor(f);
    const contract = await f.home.as(() =>
      f.api.app.get(ContractsService).create(vendorId, {
        ...CONTRACT_INPUT,
        endsOn: null,
        renewsOn: null,
      }),
    );
    return {
      document:
        'mutation($c: ID!, $i: ContractInput!) { updateContract(id: $c, version: 1, input: $i) { version } }',
      variables: { c: contract.id, i: CONTRACT_INPUT },
    };
  },
  pendingInvitations: () => Promise.resolve({ document: '{ pendingInvitations { id } }' }),
  inviteMember: () =>
    Promise.resolve({
      document: 'mutation($e: String!) { inviteMember(email: $e, role: RESPONDENT) { acceptUrl } }',
      variables: { e: `invitee-${randomUUID()}@example.test` },
    }),
  revokeInvitation: async (f) => ({
    document: 'mutation($i: ID!) { revokeInvitation(invitationId: $i) }',
    variables: {
      i: (
        await f.home.as(() =>
          f.api.app
            .get(InvitationsService)
            .invite(`revoked-${randomUUID()}@example.test`, 'auditor'),
        )
      ).invitation.id,
    },
  }),
  acceptInvitation: async (f) => {
    const { acceptUrl } = await f.home.as(() =>
      f.api.app.get(InvitationsService).invite(`accepts-${randomUUID()}@example.test`, 'assessor'),
    );
    return {
      document:
        'mutation($i: AcceptInvitationInput!) { acceptInvitation(input: $i) { accessToken } }',
      variables: {
        i: { token: acceptUrl.split('#token=')[1], password: TEST_PASSWORD, displayName: 'New' },
      },
    };
  },
  acceptInvitationAsMember: async (f) => {
    // Addressed to someone else: the guard lets every member call it; the service refuses.
    const { acceptUrl } = await f.home.as(() =>
      f.api.app.get(InvitationsService).invite(`other-${randomUUID()}@example.test`, 'auditor'),
    );
    return {
      document: 'mutation($t: String!) { acceptInvitationAsMember(token: $t) { role } }',
      variables: { t: acceptUrl.split('#token=')[1] },
    };
  },
  assessments: () => Promise.resolve({ document: '{ assessments(first: 5) { nodes { id } } }' }),
  assessment: async (f) => ({
    document:
      'query($a: ID!) { assessment(id: $a) { id questions { id } progress { visible } score { kind overall } frameworkScores { control } } }',
    variables: { a: await f.homeAsCustomer.draft() },
  }),
  reassessmentCycles: () => Promise.resolve({ document: '{ reassessmentCycles { tier months } }' }),
  createAssessment: async (f) => ({
    document: 'mutation($i: CreateAssessmentInput!) { createAssessment(input: $i) { id } }',
    variables: {
      i: {
        vendorId: await f.homeAsCustomer.vendor(),
        templateKey: 'msp-advisory',
        templateVersion: '1.0.0',
        dueOn: DUE_ON,
      },
    },
  }),
  sendAssessment: async (f) => ({
    document:
      'mutation($a: ID!, $e: [String!]!) { sendAssessment(id: $a, respondentEmails: $e) { state } }',
    variables: { a: await f.homeAsCustomer.draft(), e: ['respondent@partner.example'] },
  }),
  cancelAssessment: async (f) => ({
    document:
      'mutation($a: ID!) { cancelAssessment(id: $a, reason: "Vendor offboarded.") { state } }',
    variables: { a: await f.homeAsCustomer.draft() },
  }),
  setReassessmentCycle: () =>
    Promise.resolve({
      document: 'mutation { setReassessmentCycle(tier: 2, months: 9) { tier months } }',
    }),
  reviewAnswer: async (f) => {
    const id = await f.homeAsCustomer.submitted();
    const assessment = await f.home.as(() => f.api.app.get(AssessmentsService).get(id));
    return {
      document:
        'mutation($a: ID!, $q: ID!) { reviewAnswer(assessmentId: $a, questionId: $q, decision: ACCEPTED) { reviewStatus } }',
      variables: { a: id, q: assessment.questionIds[0] },
    };
  },
  requestAssessmentChanges: async (f) => ({
    document:
      'mutation($a: ID!) { requestAssessmentChanges(id: $a, message: "See flags.") { state } }',
    variables: { a: (await f.homeAsCustomer.inReview('flagged')).id },
  }),
  completeAssessment: async (f) => ({
    document: 'mutation($a: ID!) { completeAssessment(id: $a) { state } }',
    variables: { a: (await f.homeAsCustomer.inReview('accepted')).id },
  }),
  addAssessmentNote: async (f) => ({
    document: 'mutation($a: ID!) { addAssessmentNote(assessmentId: $a, body: "Internal.") { id } }',
    variables: { a: await f.homeAsCustomer.draft() },
  }),
  postReviewComment: async (f) => {
    const id = await f.homeAsCustomer.draft();
    const assessment = await f.home.as(() => f.api.app.get(AssessmentsService).get(id));
    return {
      document:
        'mutation($a: ID!, $q: ID!) { postReviewComment(assessmentId: $a, questionId: $q, body: "Which tool?") { id } }',
      variables: { a: id, q: assessment.questionIds[0] },
    };
  },
  contractCheck: async (f) => ({
    document: 'query($v: ID!) { contractCheck(vendorId: $v) { assessmentId } }',
    variables: { v: await f.homeAsCustomer.vendor() },
  }),
  scoringSettings: () =>
    Promise.resolve({ document: '{ scoringSettings { version bands { low } } }' }),
  updateScoringSettings: () =>
    Promise.resolve({
      document:
        'mutation { updateScoringSettings(input: { familyWeights: [{ familyId: "mfa", weight: 2 }] }) { version } }',
    }),
  recomputeScores: () => Promise.resolve({ document: 'mutation { recomputeScores }' }),
  portfolioOverview: () =>
    Promise.resolve({ document: '{ portfolioOverview { vendors averageScore overdue } }' }),
  riskHeatmap: () =>
    Promise.resolve({ document: '{ riskHeatmap(first: 5) { edges { node { vendorId } } } }' }),
  vendorScoreTrend: async (f) => ({
    document: 'query($v: ID!) { vendorScoreTrend(vendorId: $v) { overall } }',
    variables: { v: await f.homeAsCustomer.vendor() },
  }),
  portfolioScoreTrend: () =>
    Promise.resolve({ document: '{ portfolioScoreTrend { month averageScore } }' }),
  weakestFamilies: () => Promise.resolve({ document: '{ weakestFamilies { id averageScore } }' }),
  weakestControls: () => Promise.resolve({ document: '{ weakestControls { id averageScore } }' }),
  decliningVendors: () => Promise.resolve({ document: '{ decliningVendors { vendorId } }' }),
  standingByCustomer: () =>
    Promise.resolve({ document: '{ standingByCustomer { customerName latestScore } }' }),
  mostFailedQuestions: () =>
    Promise.resolve({ document: '{ mostFailedQuestions { questionId customers } }' }),
  findings: () => Promise.resolve({ document: '{ findings(first: 5) { nodes { id } } }' }),
  finding: async (f) => {
    const { id, questionId } = await f.homeAsCustomer.inReview('accepted');
    const raised = await f.home.as(() =>
      f.api.app.get(FindingsService).raise(id, questionId, 'Sample finding.', null),
    );
    return {
      document: 'query($f: ID!) { finding(id: $f) { id severity } }',
      variables: { f: raised.id },
    };
  },
  raiseFinding: async (f) => {
    const { id, questionId } = await f.homeAsCustomer.inReview('accepted');
    return {
      document:
        'mutation($a: ID!, $q: ID!) { raiseFinding(assessmentId: $a, questionId: $q, detail: "Gap.") { id } }',
      variables: { a: id, q: questionId },
    };
  },
  inbox: () => Promise.resolve({ document: '{ inbox(first: 5) { nodes { id customerName } } }' }),
  inboxAssessment: async (f) => ({
    document: 'query($a: ID!) { inboxAssessment(id: $a) { id questions { id } score { kind } } }',
    variables: { a: await f.homeAsMsp.sent() },
  }),
  acceptAssessmentInvitation: async (f) => {
    // Addressed to someone else: the guard lets every respondent call it; the service refuses.
    const id = await f.homeAsMsp.draft();
    const email = `someone-else-${randomUUID()}@example.test`;
    await f.homeAsMsp.customer.as(() => f.api.app.get(AssessmentsService).send(id, [email]));
    const token = await invitationTokenFor(f.api.app, email);
    return {
      document: 'mutation($t: String!) { acceptAssessmentInvitation(token: $t) { id } }',
      variables: { t: token },
    };
  },
  saveAnswers: async (f) => {
    const id = await f.homeAsMsp.sent();
    const assessment = await f.home.as(() => f.api.app.get(InboxService).get(id));
    return {
      document:
        'mutation($a: ID!, $s: [AnswerSaveInput!]!) { saveAnswers(assessmentId: $a, answers: $s) { version } }',
      variables: {
        a: id,
        s: [
          {
            questionId: assessment.questionIds[0],
            expectedVersion: 0,
            notApplicable: true,
            notApplicableReason: 'No remote access at all.',
          },
        ],
      },
    };
  },
  assignQuestion: async (f) => {
    const id = await f.homeAsMsp.sent();
    const assessment = await f.home.as(() => f.api.app.get(InboxService).get(id));
    return {
      document:
        'mutation($a: ID!, $q: ID!, $u: ID) { assignQuestion(assessmentId: $a, questionId: $q, assigneeUserId: $u) { assigneeUserId } }',
      variables: { a: id, q: assessment.questionIds[0], u: f.home.userId },
    };
  },
  submitAssessment: async (f) => ({
    document: 'mutation($a: ID!) { submitAssessment(id: $a) { state } }',
    variables: { a: await f.homeAsMsp.answered() },
  }),
  postRespondentComment: async (f) => {
    const id = await f.homeAsMsp.sent();
    const assessment = await f.home.as(() => f.api.app.get(InboxService).get(id));
    return {
      document:
        'mutation($a: ID!, $q: ID!) { postRespondentComment(assessmentId: $a, questionId: $q, body: "See policy.") { id } }',
      variables: { a: id, q: assessment.questionIds[0] },
    };
  },
  removeEvidence: async (f) => {
    const id = await f.homeAsMsp.sent();
    const assessment = await f.home.as(() => f.api.app.get(InboxService).get(id));
    const file = await f.home.as(() =>
      f.api.app
        .get(EvidenceService)
        .upload(id, assessment.questionIds[0], 'policy.txt', Buffer.from('Our MFA policy.\n')),
    );
    return {
      document: 'mutation($e: ID!) { removeEvidence(id: $e) }',
      variables: { e: file.id },
    };
  },
  libraryAnswers: () =>
    Promise.resolve({
      document:
        '{ libraryAnswers(first: 5, stale: false) { edges { node { questionId stale freshUntil } } pageInfo { hasNextPage } } }',
    }),
  libraryGrants: () => Promise.resolve({ document: '{ libraryGrants { id status } }' }),
  libraryPrefill: async (f) => ({
    document:
      'query($a: ID!) { libraryPrefill(assessmentId: $a) { available reason suggestions { questionId stale } } }',
    variables: { a: await f.homeAsMsp.sent() },
  }),
  saveLibraryAnswer: () =>
    Promise.resolve({
      document:
        'mutation($i: LibraryAnswerInput!) { saveLibraryAnswer(input: $i) { questionId freshUntil } }',
      variables: {
        i: {
          templateKey: 'msp-advisory',
          templateVersion: '1.0.0',
          questionId: 'MFA-01',
          choice: 'yes',
        },
      },
    }),
  saveAnswerToLibrary: async (f) => {
    const id = await f.homeAsMsp.answered();
    const assessment = await f.home.as(() => f.api.app.get(InboxService).get(id));
    return {
      document:
        'mutation($a: ID!, $q: ID!) { saveAnswerToLibrary(assessmentId: $a, questionId: $q) { questionId } }',
      variables: { a: id, q: assessment.questionIds[0] },
    };
  },
  confirmLibraryAnswer: async (f) => ({
    document: 'mutation($q: ID!) { confirmLibraryAnswer(questionId: $q) { freshUntil } }',
    variables: { q: (await homeLibraryAnswer(f)).questionId },
  }),
  applyLibraryPrefill: async (f) => {
    const { assessmentId, questionId } = await homeLibraryAnswer(f);
    await f.home.as(() =>
      f.api.app.get(LibraryGrantsService).grant(assessmentId, new Date(Date.now() + 30 * DAY_MS)),
    );
    return {
      document:
        'mutation($a: ID!, $c: [PrefillChoiceInput!]!) { applyLibraryPrefill(assessmentId: $a, choices: $c) { questionId version } }',
      variables: { a: assessmentId, c: [{ questionId }] },
    };
  },
  grantLibraryAccess: async (f) => ({
    document:
      'mutation($a: ID!, $e: DateTime!) { grantLibraryAccess(assessmentId: $a, expiresAt: $e) { id status } }',
    variables: {
      a: await f.homeAsMsp.sent(),
      e: new Date(Date.now() + 30 * DAY_MS).toISOString(),
    },
  }),
  libraryUses: async (f) => {
    const id = await f.homeAsMsp.sent();
    const grant = await f.home.as(() =>
      f.api.app.get(LibraryGrantsService).grant(id, new Date(Date.now() + 30 * DAY_MS)),
    );
    return {
      document:
        'query($g: ID!) { libraryUses(grantId: $g, first: 5) { nodes { questionId } hasNextPage } }',
      variables: { g: grant.id },
    };
  },
  revokeLibraryGrant: async (f) => {
    const id = await f.homeAsMsp.sent();
    const grant = await f.home.as(() =>
      f.api.app.get(LibraryGrantsService).grant(id, new Date(Date.now() + 30 * DAY_MS)),
    );
    return {
      document: 'mutation($g: ID!) { revokeLibraryGrant(id: $g) { status } }',
      variables: { g: grant.id },
    };
  },
  logout: async (f) => ({
    document: 'mutation($t: String!) { logout(refreshToken: $t) }',
    variables: {
      t: (await f.api.app.get(SessionService).login(f.home.email, TEST_PASSWORD)).refreshToken,
    },
  }),
  planFindingRemediation: async (f) => ({
    document:
      'mutation($f: ID!) { planFindingRemediation(id: $f, plan: { owner: "Pat", dueOn: "2030-01-31" }) { status } }',
    variables: { f: await homeFinding(f, { shared: false }) },
  }),
  postFindingUpdate: async (f) => ({
    document: 'mutation($f: ID!) { postFindingUpdate(id: $f, text: "Chased the vendor.") { id } }',
    variables: { f: await homeFinding(f) },
  }),
  verifyFinding: async (f) => ({
    document: 'mutation($f: ID!) { verifyFinding(id: $f) { status } }',
    variables: { f: await homeFinding(f, { resolved: true }) },
  }),
  reopenFinding: async (f) => ({
    document: 'mutation($f: ID!) { reopenFinding(id: $f, reason: "Still failing.") { status } }',
    variables: { f: await homeFinding(f, { resolved: true }) },
  }),
  acceptFindingRisk: async (f) => ({
    document:
      'mutation($f: ID!) { acceptFindingRisk(id: $f, justification: "Jump host.", expiresOn: "2027-06-30") { id } }',
    variables: { f: await homeFinding(f) },
  }),
  vendorFindingGroups: () =>
    Promise.resolve({ document: '{ vendorFindingGroups(by: CONTROL) { key customers } }' }),
  vendorFindings: () =>
    Promise.resolve({ document: '{ vendorFindings(first: 5) { nodes { id customerName } } }' }),
  vendorFinding: async (f) => ({
    document: 'query($f: ID!) { vendorFinding(id: $f) { id updates { kind } } }',
    variables: { f: await findingAgainstHome(f) },
  }),
  remediationItems: () =>
    Promise.resolve({ document: '{ remediationItems(first: 5) { nodes { id customers } } }' }),
  remediationItem: async (f) => ({
    document: 'query($r: ID!) { remediationItem(id: $r) { id findingsByStatus { status } } }',
    variables: { r: await homeItem(f) },
  }),
  createRemediationItem: async (f) => ({
    document:
      'mutation($i: CreateRemediationItemInput!) { createRemediationItem(input: $i) { id } }',
    variables: {
      i: {
        title: 'Enforce MFA',
        ownerUserId: f.home.userId,
        dueOn: '2030-01-31',
        findingIds: [await findingAgainstHome(f)],
      },
    },
  }),
  linkFindingsToRemediationItem: async (f) => ({
    document:
      'mutation($r: ID!, $f: [ID!]!) { linkFindingsToRemediationItem(itemId: $r, findingIds: $f) { id } }',
    variables: { r: await homeItem(f), f: [await findingAgainstHome(f)] },
  }),
  replanRemediationItem: async (f) => ({
    document:
      'mutation($r: ID!) { replanRemediationItem(itemId: $r, plan: { dueOn: "2030-02-28" }) { dueOn } }',
    variables: { r: await homeItem(f) },
  }),
  postRemediationUpdate: async (f) => ({
    document:
      'mutation($r: ID!) { postRemediationUpdate(itemId: $r, text: "Halfway.", started: true) { state } }',
    variables: { r: await homeItem(f) },
  }),
  resolveRemediationItem: async (f) => ({
    document:
      'mutation($r: ID!) { resolveRemediationItem(itemId: $r, text: "Done.", answer: { choice: "yes" }) { state } }',
    variables: { r: await homeItem(f) },
  }),
};

/**
 * A finding the home organization holds against its partner MSP: shared with the partner, or
 * not (as for a vendor answering offline); with `resolved`, the partner has fixed it.
 */
async function homeFinding(
  f: Fixture,
  { shared = true, resolved = false }: { shared?: boolean; resolved?: boolean } = {},
): Promise<string> {
  const { id, questionId } = await f.homeAsCustomer.completedFailing();
  const page = await f.home.as(() => f.api.app.get(FindingsService).list(100, undefined, {}));
  const finding = page.findings.find((x) => x.assessmentId === id && x.questionId === questionId);
  if (!finding) throw new Error('no finding raised');
  if (!shared) {
    await f.api.owner.query(`DELETE FROM finding_links WHERE finding_id = $1`, [finding.id]);
  }
  if (resolved) {
    const partner = f.homeAsCustomer.msp;
    const items = f.api.app.get(RemediationItemsService);
    await partner.as(async () => {
      const item = await items.create({
        title: 'Fix it',
        ownerUserId: partner.userId,
        dueOn: '2030-01-31',
        findingIds: [finding.id],
      });
      await items.resolve(item.id, 'Fixed.', { value: 'yes', notApplicable: false });
    });
  }
  return finding.id;
}

/** A finding the partner raised against the home organization, as its MSP. */
async function findingAgainstHome(f: Fixture): Promise<string> {
  const { id, questionId } = await f.homeAsMsp.completedFailing();
  const page = await f.homeAsMsp.customer.as(() =>
    f.api.app.get(FindingsService).list(100, undefined, {}),
  );
  const finding = page.findings.find((x) => x.assessmentId === id && x.questionId === questionId);
  if (!finding) throw new Error('no finding raised');
  return finding.id;
}

/** A remediation item of the home organization's own, covering one finding against it. */
async function homeItem(f: Fixture): Promise<string> {
  const findingId = await findingAgainstHome(f);
  const item = await f.home.as(() =>
    f.api.app.get(RemediationItemsService).create({
      title: 'Patch the RMM',
      questionId: null,
      ownerUserId: f.home.userId,
      dueOn: '2030-01-31',
      findingIds: [findingId],
    }),
  );
  return item.id;
}

const CONTRACT_INPUT = {
  title: 'Managed services agreement',
  startsOn: '2026-01-01',
  clauses: { mfaRequired: true, logRetentionMonths: 12 },
};

function vendorInput(name: string) {
  return {
    name,
    access: { remoteAccessTools: ['RMM agent'], privilegedAccounts: [], systems: ['M365'] },
    intake: {
      dataAccess: 'INTERNAL',
      privilegedAccess: 'LIMITED',
      businessImpact: 'MODERATE',
      substitutability: 'EASY',
    },
  };
}

/** A fresh vendor in the home organization's inventory. */
async function homeVendor(f: Fixture): Promise<string> {
  const input = vendorInput(`Home MSP ${randomUUID().slice(0, 8)}`);
  const vendor = await f.home.as(() =>
    f.api.app.get(VendorsService).create({
      ...input,
      domains: [],
      services: [],
      contacts: [],
      tags: [],
      ownerUserId: null,
      intake: {
        dataAccess: 'internal',
        privilegedAccess: 'limited',
        businessImpact: 'moderate',
        substitutability: 'easy',
      },
    }),
  );
  return vendor.id;
}

const DAY_MS = 24 * 3600 * 1000;

/**
 * A fresh assessment in the home organization's inbox, and an answer in its library to the
 * first question it asks that is not answered by a file.
 */
async function homeLibraryAnswer(
  f: Fixture,
): Promise<{ assessmentId: string; questionId: string }> {
  const assessmentId = await f.homeAsMsp.sent();
  const content = await f.home.as(() => f.api.app.get(InboxService).content(assessmentId));
  const question = content.template.families
    .flatMap((family) => family.questions)
    .find((q) => content.assessment.questionIds.includes(q.id) && q.answer.type !== 'evidence');
  if (!question) throw new Error('the sample assessment asks no question answered by value');
  await f.home.as(() =>
    f.api.app
      .get(LibraryService)
      .saveFromTemplate(ADVISORY, question.id, sampleAnswer(question), null),
  );
  return { assessmentId, questionId: question.id };
}

/** A fresh draft in the home organization's catalog, copied from the contract checklist. */
async function homeDraft(f: Fixture): Promise<string> {
  const key = `draft-${randomUUID().slice(0, 8)}`;
  await f.home.as(() =>
    f.api.app
      .get(CatalogService)
      .copy({ key: 'msp-contract-checklist', version: '1.0.0', builtIn: true }, key),
  );
  return key;
}

/** Allowed calls whose sample input is refused by the service on purpose (not by the guard). */
const EXPECTED_REFUSALS: Record<string, string> = {
  resetPassword: 'RESET_TOKEN_INVALID',
  acceptInvitationAsMember: 'INVITATION_INVALID',
  acceptAssessmentInvitation: 'ASSESSMENT_INVITATION_INVALID',
};

describe('permission matrix: every operation as every role', () => {
  let api: TestApi;
  let home: TestTenant;
  let fixture: Fixture;
  let operations: OperationAccess[];

  beforeAll(async () => {
    api = await startTestApi();
    home = await api.tenant('Matrix Home', { answersAssessments: true });
    const partner = await api.tenant('Matrix Partner', { answersAssessments: true });
    fixture = {
      api,
      home,
      homeAsCustomer: new AssessmentFixtures(api.app, home, partner),
      homeAsMsp: new AssessmentFixtures(api.app, partner, home),
    };
    operations = operationAccess(api.app);
  });

  afterAll(() => api.close());

  it('knows every root operation of the schema, and each declares its access', () => {
    const schema = api.app.get(GraphQLSchemaHost).schema;
    const rootFields = [schema.getQueryType(), schema.getMutationType()].flatMap((type) =>
      type ? Object.keys(type.getFields()) : [],
    );
    expect(operations.map((o) => o.operation).sort()).toEqual([...rootFields].sort());
    expect(Object.keys(SAMPLE_CALLS).sort()).toEqual([...rootFields].sort());
    expect(operations.filter((o) => o.access === undefined)).toEqual([]);
  });

  it('matches the committed docs/permissions.md (run `npm run docs:permissions` after a change)', () => {
    const rendered = renderPermissionMatrix(operations);
    if (process.env.UPDATE_PERMISSION_DOCS === '1') writeFileSync(MATRIX_FILE, rendered);
    expect(readFileSync(MATRIX_FILE, 'utf8')).toBe(rendered);
  });

  it('refuses every non-public operation without a token', async () => {
    for (const { operation, access } of operations) {
      if (access === 'public') continue;
      const call = await SAMPLE_CALLS[operation](fixture);
      const response = await api.gql(call.document, { variables: call.variables });
      expect({ operation, code: response.body.errors?.[0]?.extensions?.code }).toEqual({
        operation,
        code: 'UNAUTHENTICATED',
      });
    }
  });

  it.each([...ROLES])(
    'allows a %s exactly what the matrix says, and refuses the rest with FORBIDDEN',
    async (role: Role) => {
      for (const { operation, access } of operations) {
        const caller = await home.addMember(role);
        const call = await SAMPLE_CALLS[operation](fixture);
        const response = await api.gql(call.document, {
          token: caller.token,
          variables: call.variables,
        });
        const allowed = access === 'public' || (access !== undefined && roleAllows(role, access));
        // An allowed call may still be refused by the service for the reason its sample expects.
        const expectedRefusal = EXPECTED_REFUSALS[operation];
        const outcome = allowed
          ? {
              operation,
              errors: (response.body.errors ?? []).filter(
                (e) => e.extensions?.reason !== expectedRefusal,
              ),
            }
          : {
              operation,
              code: response.body.errors?.[0]?.extensions?.code,
              reason: response.body.errors?.[0]?.extensions?.reason,
            };
        expect(outcome).toEqual(
          allowed
            ? { operation, errors: [] }
            : { operation, code: 'FORBIDDEN', reason: 'PERMISSION_DENIED' },
        );
      }
    },
  );

  it('lets a member of another organization reach nothing of this one', async () => {
    const stranger = await api.tenant('Matrix Stranger');
    const targeted: Record<string, string> = {
      changeMemberRole: 'NOT_FOUND',
      revokeInvitation: 'NOT_FOUND',
      revokeApiKey: 'NOT_FOUND',
      editTemplateDraft: 'NOT_FOUND',
      publishTemplateDraft: 'NOT_FOUND',
      startTemplateDraft: 'NOT_FOUND',
      vendor: 'NOT_FOUND',
      updateVendor: 'NOT_FOUND',
      overrideVendorTier: 'NOT_FOUND',
      vendorContracts: 'NOT_FOUND',
      createContract: 'NOT_FOUND',
      updateContract: 'NOT_FOUND',
      removeMember: 'NOT_FOUND',
      switchOrganization: 'FORBIDDEN',
      assessment: 'NOT_FOUND',
      createAssessment: 'NOT_FOUND',
      sendAssessment: 'NOT_FOUND',
      cancelAssessment: 'NOT_FOUND',
      reviewAnswer: 'NOT_FOUND',
      requestAssessmentChanges: 'NOT_FOUND',
      completeAssessment: 'NOT_FOUND',
      addAssessmentNote: 'NOT_FOUND',
      postReviewComment: 'NOT_FOUND',
      inboxAssessment: 'NOT_FOUND',
      saveAnswers: 'NOT_FOUND',
      assignQuestion: 'NOT_FOUND',
      submitAssessment: 'NOT_FOUND',
      postRespondentComment: 'NOT_FOUND',
      removeEvidence: 'NOT_FOUND',
      contractCheck: 'NOT_FOUND',
      vendorScoreTrend: 'NOT_FOUND',
      finding: 'NOT_FOUND',
      raiseFinding: 'NOT_FOUND',
      planFindingRemediation: 'NOT_FOUND',
      postFindingUpdate: 'NOT_FOUND',
      verifyFinding: 'NOT_FOUND',
      reopenFinding: 'NOT_FOUND',
      acceptFindingRisk: 'NOT_FOUND',
      vendorFinding: 'NOT_FOUND',
      remediationItem: 'NOT_FOUND',
      createRemediationItem: 'NOT_FOUND',
      linkFindingsToRemediationItem: 'NOT_FOUND',
      replanRemediationItem: 'NOT_FOUND',
      postRemediationUpdate: 'NOT_FOUND',
      resolveRemediationItem: 'NOT_FOUND',
      libraryPrefill: 'NOT_FOUND',
      saveAnswerToLibrary: 'NOT_FOUND',
      confirmLibraryAnswer: 'NOT_FOUND',
      applyLibraryPrefill: 'NOT_FOUND',
      grantLibraryAccess: 'NOT_FOUND',
      revokeLibraryGrant: 'NOT_FOUND',
      libraryUses: 'NOT_FOUND',
    };
    for (const [operation, code] of Object.entries(targeted)) {
      const call = await SAMPLE_CALLS[operation](fixture);
      const response = await api.gql(call.document, {
        token: stranger.token,
        variables: call.variables,
      });
      expect({ operation, code: response.body.errors?.[0]?.extensions?.code }).toEqual({
        operation,
        code,
      });
    }
    for (const operation of [
      'organization',
      'members',
      'auditEvents',
      'me',
      'assessments',
      'inbox',
      'reassessmentCycles',
      'scoringSettings',
      'portfolioOverview',
      'riskHeatmap',
      'portfolioScoreTrend',
      'weakestFamilies',
      'weakestControls',
      'decliningVendors',
      'standingByCustomer',
      'mostFailedQuestions',
      'findings',
      'vendorFindingGroups',
      'vendorFindings',
      'remediationItems',
      'libraryAnswers',
      'libraryGrants',
      'storageUsage',
      // Into the stranger's own library: nothing of home's is read or changed.
      'saveLibraryAnswer',
    ]) {
      const call = await SAMPLE_CALLS[operation](fixture);
      const response = await api.gql(call.document, {
        token: stranger.token,
        variables: call.variables,
      });
      expect(response.body.errors).toBeUndefined();
      expect(response.text).not.toContain(home.tenant.id);
      expect(response.text).not.toContain(home.userId);
    }
  });
});
