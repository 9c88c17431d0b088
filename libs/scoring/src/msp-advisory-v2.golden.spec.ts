import { loadTemplates, type QuestionnaireTemplate } from '@app/catalog';
import { beforeAll, describe, expect, it } from '@jest/globals';
import { join } from 'node:path';
import { scoreAssessment } from './score-assessment.js';
import type { ScoreResult, ScoringAnswer } from './scoring.types.js';

const AS_OF = '2026-06-30';
const given = (value: ScoringAnswer['value']): ScoringAnswer => ({ value, notApplicable: false });
/** A text answer or an attached file, graded by the reviewer (undefined: not graded yet). */
const text = (grade?: number): ScoringAnswer => ({
  value: 'Described in the attached procedure.',
  notApplicable: false,
  grade,
});
const file = (grade?: number): ScoringAnswer => ({
  value: null,
  notApplicable: false,
  evidenceCount: 1,
  grade,
});
/** A not-applicable claim; `accepted` is the reviewer's decision on it. */
const claimNa = (accepted?: boolean): ScoringAnswer => ({
  value: null,
  notApplicable: true,
  reviewAccepted: accepted,
});

/**
 * The best answer to every question of msp-advisory 2.0.0, each worth 1, files and texts graded
 * 1. PIC-01 lists neither direct_rdp_ssh nor dedicated_vpn, so PIC-02, PIC-07 and SEG-05 are
 * hidden; UPD-04 at 96 % hides UPD-05; ACC-03 pam_checkout hides ACC-04. Everything else shows.
 */
const BEST: Record<string, ScoringAnswer> = {
  'PIC-01': given(['rmm_agent', 'jump_host']),
  'PIC-03': given([
    'lockout_throttling',
    'breached_password_screening',
    'legacy_auth_blocked',
    'conditional_access',
    'spray_detection',
  ]),
  'PIC-04': given('quarterly_or_more'),
  'PIC-05': given([
    'dmarc_enforced',
    'attachment_sandboxing',
    'link_protection',
    'external_tagging',
    'report_button',
  ]),
  'PIC-06': given('yes'),

  'LOG-01': given(12),
  'LOG-09': given(12),
  'LOG-02': given([
    'rmm_psa_audit',
    'remote_sessions',
    'identity_provider',
    'privileged_activity',
    'edr_telemetry',
    'network_firewall',
    'customer_systems',
  ]),
  'LOG-03': given('yes'),
  'LOG-04': given('yes'),
  'LOG-10': given('yes'),
  'LOG-05': given('soc_24x7'),
  'LOG-06': given(1),
  'LOG-07': given(100),
  'LOG-08': given('yes'),
  'LOG-11': given('yes'),

  'MFA-01': given('yes'),
  'MFA-02': given('phishing_resistant'),
  'MFA-03': given('yes'),
  'MFA-04': given('yes'),
  'MFA-08': given('yes'),
  'MFA-05': given(100),
  'MFA-06': given('yes'),
  'MFA-09': given('yes'),
  'MFA-07': file(1),

  'SEG-01': given('yes'),
  'SEG-02': given('isolated_per_customer'),
  'SEG-03': given('yes'),
  'SEG-04': given('yes'),
  'SEG-06': given('yes'),
  'SEG-07': file(1),
  'SEG-08': given(40),
  'SEG-09': given('yes'),

  'LPR-01': given('jit_approved'),
  'LPR-02': given(4),
  'LPR-03': given('yes'),
  'LPR-04': given('yes'),
  'LPR-05': given(10),
  'LPR-06': given('yes'),
  'LPR-07': given('yes'),

  'OBS-01': given('yes'),
  'OBS-02': given(30),
  'OBS-03': given('2026-05-15'),
  'OBS-04': given('yes'),
  'OBS-08': given('yes'),
  'OBS-05': given('continuous'),
  'OBS-06': given('yes'),
  'OBS-09': given('yes'),
  'OBS-10': given('yes'),
  'OBS-07': file(1),

  'UPD-01': given(14),
  'UPD-02': given(14),
  'UPD-03': given('yes'),
  'UPD-08': given('yes'),
  'UPD-04': given(96),
  'UPD-06': given('yes'),
  'UPD-07': file(1),
  'UPD-09': given(14),

  'BAK-01': given('yes'),
  'BAK-02': given('rpo_per_system'),
  'BAK-03': given('yes'),
  'BAK-04': given('yes'),
  'BAK-05': given([
    'server_data',
    'saas_data',
    'endpoint_data',
    'device_configs',
    'identity_config',
    'msp_tooling_config',
  ]),
  'BAK-06': given('yes'),
  'BAK-09': given('yes'),
  'BAK-10': given('continuous'),
  'BAK-11': given(4),
  'BAK-07': given('2026-03-31'),
  'BAK-08': file(1),
  'BAK-12': given('2026-03-31'),
  'BAK-13': given('yes'),

  'IRP-01': given('yes'),
  'IRP-02': given([
    'executive',
    'technical_lead',
    'procurement',
    'legal',
    'communications',
    'customer_liaison',
  ]),
  'IRP-03': given('yes'),
  'IRP-04': given('yes'),
  'IRP-05': given(24),
  'IRP-06': given('2026-01-15'),
  'IRP-07': given('yes'),
  'IRP-08': text(1),

  'SCR-01': given('yes'),
  'SCR-02': file(1),
  'SCR-03': given('onboarding_and_annual'),
  'SCR-08': given(['security', 'legal', 'procurement']),
  'SCR-04': given('yes'),
  'SCR-09': given('yes'),
  'SCR-05': given('yes'),
  'SCR-06': given('yes'),
  'SCR-07': given(['signed_code', 'peer_review', 'controlled_library', 'hash_verification']),

  'TRN-01': given('yes'),
  'TRN-02': file(1),
  'TRN-03': given('yes'),
  'TRN-07': given('yes'),
  'TRN-04': given('realtime'),
  'TRN-05': given(['soc2_type2', 'iso27001_certificate']),
  'TRN-06': text(1),

  'ACC-01': given('yes'),
  'ACC-02': given('yes'),
  'ACC-03': given('pam_checkout'),
  'ACC-05': given('yes'),
  'ACC-06': given('monthly_shared'),
  'ACC-07': given('yes'),
  'ACC-08': given('yes'),
};

/** Every knockout of 2.0.0, in template order (PIC-02 is hidden by BEST's PIC-01). */
const KNOCKOUTS = [
  'PIC-02',
  'LOG-01',
  'MFA-01',
  'MFA-03',
  'SEG-01',
  'OBS-01',
  'OBS-06',
  'UPD-01',
  'BAK-01',
  'IRP-04',
  'IRP-05',
  'ACC-01',
  'ACC-02',
];

/** Family weights of msp-advisory (unchanged from 1.0.0); Σ = 16.5. */
const W = {
  pic: 1,
  log: 1.5,
  mfa: 2,
  seg: 1.5,
  lpr: 1.5,
  obs: 1,
  upd: 1,
  bak: 2,
  irp: 1.5,
  scr: 1,
  trn: 1,
  acc: 1.5,
};
const TOTAL_WEIGHT = 16.5;

describe('golden: msp-advisory 2.0.0 (engine 2.0.0), including the exploits of issue 14', () => {
  let template: QuestionnaireTemplate;
  const score = (answers: Record<string, ScoringAnswer>, submitted: boolean): ScoreResult =>
    scoreAssessment({
      template,
      answers,
      submitted,
      tier: 2,
      asOf: AS_OF,
      templateRef: { key: 'msp-advisory', version: '2.0.0' },
    });
  const familyScores = (result: ScoreResult) =>
    Object.fromEntries(result.families.map((f) => [f.familyId, f.score]));
  const question = (result: ScoreResult, id: string) =>
    result.families.flatMap((f) => f.questions).find((q) => q.questionId === id)!;

  beforeAll(() => {
    const loaded = loadTemplates(join(process.cwd(), 'questionnaires'));
    expect(loaded.problems).toEqual([]);
    template = loaded.templates.find((t) => t.key === 'msp-advisory' && t.version === '2.0.0')!;
    expect(template.families).toHaveLength(12);
  });

  it('scores the best answers 100, low, with nothing failed, open, pending or not applicable', () => {
    const result = score(BEST, true);
    expect(Object.values(familyScores(result))).toEqual(Array(12).fill(100));
    expect(result).toMatchObject({
      engineVersion: '2.0.0',
      template: { key: 'msp-advisory', version: '2.0.0' },
      overall: 100,
      bandRating: 'low',
      rating: 'low',
      failedKnockouts: [],
      openKnockouts: [],
      notApplicable: { count: 0, weight: 0 },
      pending: { count: 0, weight: 0 },
      residualRisk: 'low',
    });
    for (const id of ['PIC-02', 'PIC-07', 'SEG-05', 'UPD-05', 'ACC-04'])
      expect(question(result, id).reason).toBe('hidden');
  });

  describe('exploit 1: every knockout claimed not applicable, every other answer best', () => {
    // 1.0.0 left all ten knockouts out and rated this 100, low. In 2.0.0 N/A is a claim: on the
    // nine visible knockouts that do not allow it, it is unanswered; ACC-01/02 allow it (with a
    // reason) and wait for the reviewer. The claims also hide what depends on a "yes":
    // MFA-02 (MFA-01), BAK-03 (BAK-01) and IRP-05 (IRP-04), so eleven knockouts stay visible.
    const answers = () => ({
      ...BEST,
      ...Object.fromEntries(KNOCKOUTS.map((id) => [id, claimNa()])),
    });
    const visibleKnockouts = KNOCKOUTS.filter((id) => !['PIC-02', 'IRP-05'].includes(id));

    it('provisional: the claims are left out as unanswered, but every knockout is open, so 100 rates high', () => {
      // Every counted question is a best answer: each family scores 100, overall 100 (low band).
      const result = score(answers(), false);
      expect(result.overall).toBeCloseTo(100, 9);
      expect(result.bandRating).toBe('low');
      expect(result.rating).toBe('high');
      expect(result.failedKnockouts).toEqual([]);
      expect(result.openKnockouts.map((k) => k.questionId)).toEqual(visibleKnockouts);
      expect(question(result, 'LOG-01')).toMatchObject({
        counted: false,
        reason: 'unanswered',
        note: expect.stringMatching(/not allowed/i) as unknown as string,
      });
      expect(question(result, 'ACC-01')).toMatchObject({ counted: false, reason: 'unanswered' });
      for (const id of ['MFA-02', 'BAK-03', 'IRP-05'])
        expect(question(result, id).reason).toBe('hidden');
      // Pending: the two N/A claims awaiting review, ACC-01 and ACC-02 (w 4 each).
      expect(result.pending).toEqual({ count: 2, weight: 8 });
      expect(result.notApplicable).toEqual({ count: 0, weight: 0 });
    });

    it('submitted: the nine knockouts that do not allow N/A fail at 0; ACC-01/02 count 0 and stay open', () => {
      // Visible weights (Σw) and the weight lost to knockouts at 0, family by family:
      //   prevent-initial-compromise: PIC-03 3, PIC-04 2, PIC-05 2, PIC-06 3 = 10, nothing lost → 100
      //   monitoring-and-logging: 5+3+4+3+4+3+4+2+3+2+3 = 36; LOG-01 (5) at 0 → 31/36 = 86.11
      //   mfa (MFA-02 hidden): 5+5+4+3+3+3+3+3 = 29; MFA-01, MFA-03 (5 each) at 0 → 19/29 = 65.52
      //   network-segregation (SEG-05 hidden, SEG-08 unscored): 5+4+4+3+3+2+3 = 24; SEG-01 (5)
      //     at 0 → 19/24 = 79.17
      //   least-privilege: 4+2+3+3+2+3+3 = 20 → 100
      //   obsolete-accounts: 5+3+3+3+3+3+4+3+2+2 = 31; OBS-01 (5), OBS-06 (4) at 0, and OBS-10
      //     (2, follows OBS-06) capped at OBS-06's 0 → (31 − 11)/31 = 20/31 = 64.52
      //   updates (UPD-05 hidden): 5+4+3+3+3+2+2+3 = 25; UPD-01 (5) at 0 → 20/25 = 80
      //   backups (BAK-03 hidden): 5+3+3+3+4+4+3+3+4+2+3+2 = 39; BAK-01 (5) at 0 → 34/39 = 87.18
      //   incident-response (IRP-05 hidden): 4+3+3+5+3+2+3 = 23; IRP-04 (5) at 0 → 18/23 = 78.26
      //   supply-chain 27 → 100; transparency 20 → 100
      //   account-management (ACC-04 hidden): 4+4+4+3+3+3+3 = 24; ACC-01, ACC-02 (4 each), still
      //     pending, count 0 after submission → 16/24 = 66.67
      // Overall = Σ W·S / 16.5 = 82.74: band moderate; failed and open knockouts cap it at high.
      const result = score(answers(), true);
      const expected = {
        'prevent-initial-compromise': 100,
        'monitoring-and-logging': (100 * 31) / 36,
        mfa: (100 * 19) / 29,
        'network-segregation': (100 * 19) / 24,
        'least-privilege': 100,
        'obsolete-accounts': (100 * 20) / 31,
        updates: 80,
        backups: (100 * 34) / 39,
        'incident-response': (100 * 18) / 23,
        'supply-chain': 100,
        transparency: 100,
        'account-management': (100 * 16) / 24,
      };
      const scores = familyScores(result);
      for (const [id, value] of Object.entries(expected)) expect(scores[id]).toBeCloseTo(value, 9);
      const overall =
        (W.pic * 100 +
          W.log * ((100 * 31) / 36) +
          W.mfa * ((100 * 19) / 29) +
          W.seg * ((100 * 19) / 24) +
          W.lpr * 100 +
          W.obs * ((100 * 20) / 31) +
          W.upd * 80 +
          W.bak * ((100 * 34) / 39) +
          W.irp * ((100 * 18) / 23) +
          W.scr * 100 +
          W.trn * 100 +
          W.acc * ((100 * 16) / 24)) /
        TOTAL_WEIGHT;
      expect(result.overall).toBeCloseTo(overall, 9);
      expect(result.overall).toBeCloseTo(82.7405, 4);
      expect(result.bandRating).toBe('moderate');
      expect(result.rating).toBe('high');
      expect(result.failedKnockouts.map((k) => [k.questionId, k.compliance, k.passLevel])).toEqual([
        ['LOG-01', 0, 1],
        ['MFA-01', 0, 1],
        ['MFA-03', 0, 1],
        ['SEG-01', 0, 1],
        ['OBS-01', 0, 1],
        ['OBS-06', 0, 1],
        ['UPD-01', 0, 1],
        ['BAK-01', 0, 1],
        ['IRP-04', 0, 1],
      ]);
      expect(result.openKnockouts.map((k) => k.questionId)).toEqual(['ACC-01', 'ACC-02']);
      expect(question(result, 'OBS-10')).toMatchObject({
        counted: true,
        compliance: 0,
        note: expect.stringContaining('OBS-06') as unknown as string,
      });
      expect(result.pending).toEqual({ count: 2, weight: 8 });
    });

    it('submitted, with the reviewer accepting the ACC-01/02 claims: they leave the score, and 85.77 still rates high', () => {
      // As above, but account-management counts only ACC-03, 05, 06, 07, 08 (16), all 1 → 100.
      // Overall rises to 85.77 (band low); the nine failed knockouts still cap the rating at high.
      const accepted = { ...answers(), 'ACC-01': claimNa(true), 'ACC-02': claimNa(true) };
      const result = score(accepted, true);
      expect(familyScores(result)['account-management']).toBeCloseTo(100, 9);
      expect(question(result, 'ACC-01')).toMatchObject({
        counted: false,
        reason: 'not_applicable',
      });
      const overall =
        (W.pic * 100 +
          W.log * ((100 * 31) / 36) +
          W.mfa * ((100 * 19) / 29) +
          W.seg * ((100 * 19) / 24) +
          W.lpr * 100 +
          W.obs * ((100 * 20) / 31) +
          W.upd * 80 +
          W.bak * ((100 * 34) / 39) +
          W.irp * ((100 * 18) / 23) +
          W.scr * 100 +
          W.trn * 100 +
          W.acc * 100) /
        TOTAL_WEIGHT;
      expect(result.overall).toBeCloseTo(overall, 9);
      expect(result.overall).toBeCloseTo(85.7708, 4);
      expect(result.bandRating).toBe('low');
      expect(result.rating).toBe('high');
      expect(result.failedKnockouts).toHaveLength(9);
      expect(result.openKnockouts).toEqual([]);
      expect(result.notApplicable).toEqual({ count: 2, weight: 8 });
      expect(result.pending).toEqual({ count: 0, weight: 0 });
    });
  });

  describe('exploits 2 to 5 and 7: future date, "none" with everything, ungraded texts, follow-ups, UPD-01 at 30 days', () => {
    const answers = (): Record<string, ScoringAnswer> => ({
      ...BEST,
      // 3: "none of these" chosen together with all five protections.
      'PIC-03': given([
        'none',
        'lockout_throttling',
        'breached_password_screening',
        'legacy_auth_blocked',
        'conditional_access',
        'spray_detection',
      ]),
      // 7: thirty days passed UPD-01 in 1.0.0 (passLevel 0.3); 2.0.0 passes at ≤ 14 days only.
      'UPD-01': given(30),
      // 5: a weak patch figure (85 % → 0.4) shows UPD-05; its plan, graded 1, is capped at 0.4.
      'UPD-04': given(85),
      'UPD-05': text(1),
      // 2: a restore test "done" in 2030; BAK-08 (its report, graded 1) follows BAK-07.
      'BAK-07': given('2030-01-01'),
      // 5: credentials in documents (0) show ACC-04; its plan, graded 1, is capped at 0.
      'ACC-03': given('documents'),
      'ACC-04': text(1),
      // 4: five texts and files the reviewer has not graded yet.
      'MFA-07': file(),
      'SEG-07': file(),
      'TRN-02': file(),
      'TRN-06': text(),
      'IRP-08': text(),
    });

    it('submitted: each exploit counts what it is worth, ungraded answers stay pending, UPD-01 fails', () => {
      // prevent-initial-compromise: PIC-03 scored as "none" alone = 0 (w 3) → (10 − 3)/10 = 70
      // updates (UPD-05 shown): Σw = 25 + 2 = 27; UPD-01 30 days → 0.3 (w 5, 1.5);
      //   UPD-04 85 % → 0.4 (w 3, 1.2); UPD-05 min(1, 0.4) = 0.4 (w 2, 0.8); the other six
      //   (UPD-02 4, UPD-03 3, UPD-08 3, UPD-06 2, UPD-07 2, UPD-09 3) at 1 = 17
      //   Σw·v = 1.5 + 1.2 + 0.8 + 17 = 20.5 → 20.5/27 = 75.93
      // backups (BAK-03 shown): Σw = 39 + 3 = 42; BAK-07 future → 0 (w 4); BAK-08 min(1, 0) = 0
      //   (w 2) → 36/42 = 85.71
      // account-management (ACC-04 shown): Σw = 24 + 2 = 26; ACC-03 documents 0 (w 4); ACC-04
      //   min(1, 0) = 0 (w 2) → 20/26 = 76.92
      // mfa, network-segregation, transparency, incident-response: the ungraded answers are left
      //   out (pending_review), everything else is 1 → 100. The other families: 100.
      // Overall = (0.7·100·1 + 2·85.71… + 1·75.93… + 1.5·76.92… + 100·(16.5 − 1 − 2 − 1 − 1.5))
      //   / 16.5 = 92.89: band low, capped at high by UPD-01 (0.3 < 1).
      const result = score(answers(), true);
      const scores = familyScores(result);
      expect(scores['prevent-initial-compromise']).toBeCloseTo(70, 9);
      expect(scores.updates).toBeCloseTo((100 * 20.5) / 27, 9);
      expect(scores.backups).toBeCloseTo((100 * 36) / 42, 9);
      expect(scores['account-management']).toBeCloseTo((100 * 20) / 26, 9);
      for (const id of ['mfa', 'network-segregation', 'transparency', 'incident-response'])
        expect(scores[id]).toBeCloseTo(100, 9);
      const overall =
        (W.pic * 70 +
          W.upd * ((100 * 20.5) / 27) +
          W.bak * ((100 * 36) / 42) +
          W.acc * ((100 * 20) / 26) +
          100 * (TOTAL_WEIGHT - W.pic - W.upd - W.bak - W.acc)) /
        TOTAL_WEIGHT;
      expect(result.overall).toBeCloseTo(overall, 9);
      expect(result.overall).toBeCloseTo(92.8933, 4);
      expect(result.bandRating).toBe('low');
      expect(result.rating).toBe('high');
      expect(result.failedKnockouts).toEqual([
        {
          questionId: 'UPD-01',
          familyId: 'updates',
          reason: expect.stringContaining('14 days') as unknown as string,
          compliance: 0.3,
          passLevel: 1,
        },
      ]);
      expect(result.openKnockouts).toEqual([]);

      // Why each counted what it did, in the breakdown.
      expect(question(result, 'PIC-03')).toMatchObject({
        compliance: 0,
        note: expect.stringContaining('None of these') as unknown as string,
      });
      expect(question(result, 'BAK-07')).toMatchObject({
        compliance: 0,
        note: expect.stringMatching(/future/i) as unknown as string,
      });
      expect(question(result, 'BAK-08')).toMatchObject({
        compliance: 0,
        note: expect.stringContaining('BAK-07') as unknown as string,
      });
      expect(question(result, 'UPD-05')).toMatchObject({
        compliance: 0.4,
        note: expect.stringContaining('UPD-04') as unknown as string,
      });
      expect(question(result, 'ACC-04')).toMatchObject({
        compliance: 0,
        note: expect.stringContaining('ACC-03') as unknown as string,
      });
      // Pending review, not met: MFA-07 (3), SEG-07 (2), TRN-02 (2), TRN-06 (2), IRP-08 (3).
      for (const id of ['MFA-07', 'SEG-07', 'TRN-02', 'TRN-06', 'IRP-08'])
        expect(question(result, id)).toMatchObject({ counted: false, reason: 'pending_review' });
      expect(result.pending).toEqual({ count: 5, weight: 12 });
      const mfa = result.families.find((f) => f.familyId === 'mfa')!;
      expect(mfa.pending).toEqual({ count: 1, weight: 3 });
    });

    it('provisional: the same, since every exploit question is answered', () => {
      const submitted = score(answers(), true);
      const provisional = score(answers(), false);
      expect(provisional.overall).toBeCloseTo(submitted.overall!, 9);
      expect(provisional.pending).toEqual({ count: 5, weight: 12 });
      expect(provisional.failedKnockouts.map((k) => k.questionId)).toEqual(['UPD-01']);
    });
  });

  describe('msp-contract-checklist 2.0.0: knockouts pass only at "yes", follow-ups capped', () => {
    let checklist: QuestionnaireTemplate;
    beforeAll(() => {
      checklist = loadTemplates(join(process.cwd(), 'questionnaires')).templates.find(
        (t) => t.key === 'msp-contract-checklist' && t.version === '2.0.0',
      )!;
    });

    it('fails CIN-01 and CTR-01 at "partial" (1.0.0 passed both at 0.5) and caps what follows them', () => {
      // Two families answered, provisional; the other six are left out.
      // incident-notification (W 1.5): CIN-01 partial 0.5 (w 5); CIN-02, CIN-03 yes → capped at
      //   CIN-01's 0.5 (w 4 each); CIN-04 24 hours → 1 (w 4, a knockout, not a follow-up);
      //   CIN-05 "does not specify" chosen with two channels → scored alone, 0 (w 3);
      //   CIN-06, CIN-07 yes → capped at 0.5 (w 3 each)
      //   Σw·v = 2.5 + 2 + 2 + 4 + 0 + 1.5 + 1.5 = 13.5;  Σw = 26 → 51.92
      // access-removal-at-termination (W 1): CTR-01 partial 0.5 (w 5); CTR-02 1 day → 1, capped
      //   at 0.5 (w 3); CTR-03, CTR-07, CTR-04, CTR-05 yes (w 3 each); CTR-06, a date in the
      //   future, is allowed (it looks ahead) and not scored
      //   Σw·v = 2.5 + 1.5 + 12 = 16;  Σw = 20 → 80
      // Overall = (1.5 × 51.92… + 80) / 2.5 = 63.15: band high; CIN-01 and CTR-01 fail, and
      // CSD-02 (unanswered) is open.
      const answers: Record<string, ScoringAnswer> = {
        'CIN-01': given('partial'),
        'CIN-02': given('yes'),
        'CIN-03': given('yes'),
        'CIN-04': given(24),
        'CIN-05': given(['named_contact', 'phone', 'not_specified']),
        'CIN-06': given('yes'),
        'CIN-07': given('yes'),
        'CTR-01': given('partial'),
        'CTR-02': given(1),
        'CTR-03': given('yes'),
        'CTR-07': given('yes'),
        'CTR-04': given('yes'),
        'CTR-05': given('yes'),
        'CTR-06': given('2027-03-31'),
      };
      const result = scoreAssessment({
        template: checklist,
        answers,
        submitted: false,
        asOf: AS_OF,
        templateRef: { key: 'msp-contract-checklist', version: '2.0.0' },
      });
      const scores = familyScores(result);
      expect(scores['incident-notification']).toBeCloseTo((100 * 13.5) / 26, 9);
      expect(scores['access-removal-at-termination']).toBeCloseTo(80, 9);
      expect(result.overall).toBeCloseTo((1.5 * ((100 * 13.5) / 26) + 80) / 2.5, 9);
      expect(result.overall).toBeCloseTo(63.1538, 4);
      expect(result.rating).toBe('high');
      expect(result.failedKnockouts.map((k) => [k.questionId, k.compliance, k.passLevel])).toEqual([
        ['CIN-01', 0.5, 1],
        ['CTR-01', 0.5, 1],
      ]);
      // CSD-02, the checklist's third knockout, is visible but not answered yet: open.
      expect(result.openKnockouts.map((k) => k.questionId)).toEqual(['CSD-02']);
      expect(question(result, 'CIN-02')).toMatchObject({ compliance: 0.5 });
      expect(question(result, 'CIN-04')).toMatchObject({ compliance: 1, note: null });
      expect(question(result, 'CIN-05')).toMatchObject({ compliance: 0 });
      expect(question(result, 'CTR-06')).toMatchObject({ counted: false, reason: 'not_scored' });
    });
  });
});
