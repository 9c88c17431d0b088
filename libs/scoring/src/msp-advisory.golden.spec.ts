import { loadTemplates, type QuestionnaireTemplate } from '@app/catalog';
import { beforeAll, describe, expect, it } from '@jest/globals';
import { join } from 'node:path';
import { scoreAssessment } from './score-assessment.js';
import { scoreByFramework } from './score-by-framework.js';
import type { ScoreResult, ScoringAnswer } from './scoring.types.js';

const given = (value: ScoringAnswer['value']): ScoringAnswer => ({ value, notApplicable: false });
const NOT_APPLICABLE_CLAIMED: ScoringAnswer = { value: null, notApplicable: true };
const NOT_APPLICABLE_ACCEPTED: ScoringAnswer = { ...NOT_APPLICABLE_CLAIMED, reviewAccepted: true };

/**
 * The published 1.0.0 template scored by engine 2.0.0 (stored 1.0.0 scores keep engine 1.0.0).
 * Four of the twelve families answered; the other eight untouched.
 *   prevent-initial-compromise: perfect; PIC-02 (a knockout) is hidden because PIC-01 does not
 *     list direct_rdp_ssh, so its left-over "no" neither counts nor fails.
 *   monitoring-and-logging: partial; knockout LOG-01 fails (4 months < 6); LOG-07 not applicable,
 *     a claim the reviewer accepted.
 *   mfa: strong; MFA-06 claimed not applicable, not yet accepted; MFA-07 has a description but no
 *     file, so it is unanswered.
 *   transparency: partial; TRN-02 hidden because TRN-01 is "no"; TRN-05 sums to 1.3, capped at 1;
 *     TRN-06 is text the reviewer has not graded yet.
 */
const ANSWERS: Record<string, ScoringAnswer> = {
  'PIC-01': given(['rmm_agent', 'jump_host']),
  'PIC-02': given('no'),
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

  'LOG-01': given(4),
  'LOG-02': given(['rmm_psa_audit', 'identity_provider', 'edr_telemetry']),
  'LOG-03': given('yes'),
  'LOG-04': given('partial'),
  'LOG-05': given('soc_business_hours'),
  'LOG-06': given(4),
  'LOG-07': NOT_APPLICABLE_ACCEPTED,
  'LOG-08': given('no'),

  'MFA-01': given('yes'),
  'MFA-02': given('push_number_matching'),
  'MFA-03': given('yes'),
  'MFA-04': given('yes'),
  'MFA-05': given(97),
  'MFA-06': NOT_APPLICABLE_CLAIMED,
  'MFA-07': { value: 'Screenshots to follow', notApplicable: false, evidenceCount: 0 },

  'TRN-01': given('no'),
  'TRN-03': given('yes'),
  'TRN-04': given('periodic_reports'),
  'TRN-05': given(['soc2_type2', 'iso27001_certificate', 'pentest_summary']),
  'TRN-06': given('Head of Security, deputy and 24/7 line in the escalation sheet.'),
};

describe('golden: msp-advisory 1.0.0 with a fixed answer set, scored by engine 2.0.0', () => {
  let template: QuestionnaireTemplate;
  const score = (submitted: boolean, tier?: 1 | 2): ScoreResult =>
    scoreAssessment({
      template,
      answers: ANSWERS,
      submitted,
      tier,
      asOf: '2026-06-30',
      templateRef: { key: 'msp-advisory', version: '1.0.0' },
    });
  const family = (result: ScoreResult, id: string) =>
    result.families.find((f) => f.familyId === id)!;

  beforeAll(() => {
    const loaded = loadTemplates(join(process.cwd(), 'questionnaires'));
    expect(loaded.problems).toEqual([]);
    template = loaded.templates.find((t) => t.key === 'msp-advisory' && t.version === '1.0.0')!;
    expect(template).toBeDefined();
  });

  describe('provisional (submitted: false): unanswered questions are left out', () => {
    it('scores prevent-initial-compromise 100', () => {
      // PIC-01 not scored (weight 0); PIC-02 hidden.
      // PIC-03 sum 5 × 0.2 = 1 (w 3); PIC-04 quarterly_or_more = 1 (w 2);
      // PIC-05 sum 0.25 + 0.25 + 0.2 + 0.1 + 0.2 = 1 (w 2); PIC-06 yes = 1 (w 3).
      // Σw·v / Σw = (3 + 2 + 2 + 3) / (3 + 2 + 2 + 3) = 10 / 10 → 100
      const pic = family(score(false), 'prevent-initial-compromise');
      expect(pic.score).toBeCloseTo(100, 9);
      expect(pic.questions.map((q) => [q.questionId, q.reason])).toEqual([
        ['PIC-01', 'not_scored'],
        ['PIC-02', 'hidden'],
        ['PIC-03', null],
        ['PIC-04', null],
        ['PIC-05', null],
        ['PIC-06', null],
      ]);
    });

    it('scores monitoring-and-logging 45', () => {
      // LOG-01 4 months: not ≥ 12, not ≥ 6 → otherwise 0 (w 5)
      // LOG-02 0.2 + 0.15 + 0.15 = 0.5 (w 4); LOG-03 yes = 1 (w 3); LOG-04 partial = 0.5 (w 4)
      // LOG-05 soc_business_hours = 0.6 (w 4); LOG-06 4 hours: not ≤ 1, ≤ 4 → 0.7 (w 2)
      // LOG-07 not applicable (accepted), left out; LOG-08 no = 0 (w 2)
      // Σw·v = 0 + 2 + 3 + 2 + 2.4 + 1.4 + 0 = 10.8;  Σw = 5 + 4 + 3 + 4 + 4 + 2 + 2 = 24
      // 100 × 10.8 / 24 = 45
      const log = family(score(false), 'monitoring-and-logging');
      expect(log.score).toBeCloseTo(45, 9);
      expect(log.questions.find((q) => q.questionId === 'LOG-06')).toMatchObject({
        answer: '4 hours',
        compliance: 0.7,
        weight: 2,
      });
      expect(log.questions.find((q) => q.questionId === 'LOG-07')).toMatchObject({
        answer: 'not applicable',
        counted: false,
        reason: 'not_applicable',
        note: 'Not applicable; accepted by the reviewer',
      });
      expect(log.notApplicable).toEqual({ count: 1, weight: 3 });
    });

    it('scores mfa 94', () => {
      // MFA-01 yes = 1 (w 5); MFA-02 push_number_matching = 0.8 (w 3, shown since MFA-01 is yes)
      // MFA-03 yes = 1 (w 5); MFA-04 yes = 1 (w 4); MFA-05 97 %: not ≥ 100, ≥ 95 → 0.8 (w 3)
      // MFA-06 N/A claimed, not accepted: unanswered, left out while provisional (pending)
      // MFA-07 no file yet: unanswered, left out while provisional
      // Σw·v = 5 + 2.4 + 5 + 4 + 2.4 = 18.8;  Σw = 5 + 3 + 5 + 4 + 3 = 20;  100 × 18.8 / 20 = 94
      const mfa = family(score(false), 'mfa');
      expect(mfa.score).toBeCloseTo(94, 9);
      expect(mfa.questions.find((q) => q.questionId === 'MFA-07')).toMatchObject({
        answer: null,
        counted: false,
        reason: 'unanswered',
        note: 'Not answered',
      });
      expect(mfa.questions.find((q) => q.questionId === 'MFA-06')).toMatchObject({
        answer: 'not applicable',
        counted: false,
        reason: 'unanswered',
        note: 'Not applicable claimed; waiting for the reviewer',
      });
      expect(mfa.pending).toEqual({ count: 1, weight: 3 });
    });

    it('scores transparency 56.92, TRN-06 pending review', () => {
      // TRN-01 no = 0 (w 4); TRN-02 hidden (TRN-01 is neither yes nor partial)
      // TRN-03 yes = 1 (w 3); TRN-04 periodic_reports = 0.6 (w 4)
      // TRN-05 0.5 + 0.5 + 0.3 = 1.3, capped at 1 (w 2)
      // TRN-06 text provided, not graded: pending review, left out (engine 1 counted it 1)
      // Σw·v = 0 + 3 + 2.4 + 2 = 7.4;  Σw = 4 + 3 + 4 + 2 = 13;  100 × 7.4 / 13 = 56.923…
      const trn = family(score(false), 'transparency');
      expect(trn.score).toBeCloseTo(740 / 13, 9);
      expect(trn.questions.find((q) => q.questionId === 'TRN-05')?.compliance).toBe(1);
      expect(trn.questions.find((q) => q.questionId === 'TRN-06')).toMatchObject({
        answer: 'text provided',
        counted: false,
        reason: 'pending_review',
        note: "Waiting for the reviewer's grade",
      });
      expect(trn.pending).toEqual({ count: 1, weight: 2 });
    });

    it('leaves the eight untouched families out, scores 74.99 overall, and caps the moderate band at high for LOG-01 and the open knockouts', () => {
      // Families with a score (W_f): prevent-initial-compromise 100 (1), monitoring-and-logging
      // 45 (1.5), mfa 94 (2), transparency 56.923… (1).
      // Σ W·S = 100 + 67.5 + 188 + 56.923… = 412.423…;  Σ W = 5.5;  412.423… / 5.5 = 74.986…
      // 74.99 lies in [70, 85): band moderate. LOG-01 fails (0 < its passLevel 0.8), and six
      // visible knockouts are still unanswered (open), so the rating is the worse of moderate
      // and high: high. Tier 2 × high → residual high.
      const result = score(false, 2);
      const untouched = result.families.filter((f) => f.score === null).map((f) => f.familyId);
      expect(untouched).toEqual([
        'network-segregation',
        'least-privilege',
        'obsolete-accounts',
        'updates',
        'backups',
        'incident-response',
        'supply-chain',
        'account-management',
      ]);
      expect(result.overall).toBeCloseTo((100 + 1.5 * 45 + 2 * 94 + 740 / 13) / 5.5, 9);
      expect(result.overall).toBeCloseTo(74.986, 3);
      expect(result.bandRating).toBe('moderate');
      expect(result.rating).toBe('high');
      expect(result.failedKnockouts).toEqual([
        {
          questionId: 'LOG-01',
          familyId: 'monitoring-and-logging',
          reason: expect.stringContaining('less than six months') as unknown as string,
          compliance: 0,
          passLevel: 0.8,
        },
      ]);
      expect(result.openKnockouts.map((k) => k.questionId)).toEqual([
        'SEG-01',
        'OBS-01',
        'OBS-06',
        'UPD-01',
        'BAK-01',
        'IRP-04',
      ]);
      expect(result.residualRisk).toBe('high');
      expect(score(false, 1).residualRisk).toBe('critical');
      // LOG-07 accepted; MFA-06 (w 3) and TRN-06 (w 2) wait for the reviewer.
      expect(result.notApplicable).toEqual({ count: 1, weight: 3 });
      expect(result.pending).toEqual({ count: 2, weight: 5 });
      expect(result).toMatchObject({
        engineVersion: '2.0.0',
        template: { key: 'msp-advisory', version: '1.0.0' },
        submitted: false,
        asOf: '2026-06-30',
      });
    });

    it('re-aggregates the same values by control category', () => {
      // CSF 2.0 PR.AA: PIC-03 (w 3, v 1), MFA-01 (5, 1), MFA-02 (3, 0.8), MFA-03 (5, 1),
      // MFA-04 (4, 1; PR.AA-05 and PR.AA-03 count once), MFA-05 (3, 0.8)
      // Σw·v = 3 + 5 + 2.4 + 5 + 4 + 2.4 = 21.8;  Σw = 23;  100 × 21.8 / 23 = 94.78
      const result = score(false);
      const csf = scoreByFramework(result, template, 'csf-2.0');
      expect(csf.find((c) => c.control === 'PR.AA')).toEqual({
        control: 'PR.AA',
        score: expect.closeTo(2180 / 23, 9) as unknown as number,
        questions: 6,
      });
      // NIST 800-53 SA: every counted TRN question maps to SA-9 — the transparency numbers again.
      const nist = scoreByFramework(result, template, 'nist-800-53');
      expect(nist.find((c) => c.control === 'SA')?.score).toBeCloseTo(740 / 13, 9);
      expect(nist.find((c) => c.control === 'SA')?.questions).toBe(4);
      // CIS 6: PIC-03 (3, 1), MFA-01 (5, 1), MFA-02 (3, 0.8), MFA-03 (5, 1), MFA-05 (3, 0.8)
      // Σw·v = 3 + 5 + 2.4 + 5 + 2.4 = 17.8;  Σw = 19;  100 × 17.8 / 19 = 93.68
      const cis = scoreByFramework(result, template, 'cis-v8');
      expect(cis.find((c) => c.control === '6')?.score).toBeCloseTo(1780 / 19, 9);
    });
  });

  describe('submitted: an unanswered visible question counts 0', () => {
    it('scores mfa 72.31 once MFA-07 (still without a file) and the unaccepted MFA-06 claim count 0', () => {
      // As provisional, plus MFA-06 (w 3, v 0) and MFA-07 (w 3, v 0): Σw·v = 18.8;
      // Σw = 20 + 3 + 3 = 26;  100 × 18.8 / 26 = 72.307…
      const mfa = family(score(true), 'mfa');
      expect(mfa.score).toBeCloseTo(940 / 13, 9);
      expect(mfa.questions.find((q) => q.questionId === 'MFA-07')).toMatchObject({
        answer: null,
        counted: true,
        compliance: 0,
        reason: null,
        note: 'Not answered; counts 0 after submission',
      });
      expect(mfa.questions.find((q) => q.questionId === 'MFA-06')).toMatchObject({
        counted: true,
        compliance: 0,
        note: 'Not applicable claimed; waiting for the reviewer; counts 0 after submission',
      });
    });

    it('scores the untouched families 0, so the overall drops to 22.37 (critical) with every visible unanswered knockout failed', () => {
      // Answered families as before (mfa now 940/13); the eight untouched families score 0;
      // TRN-06 stays pending review (left out) after submission too.
      // Σ W = 1 + 1.5 + 2 + 1.5 + 1.5 + 1 + 1 + 2 + 1.5 + 1 + 1 + 1.5 = 16.5
      // Σ W·S = 100 + 1.5 × 45 + 2 × 940/13 + 740/13 = 167.5 + 144.615… + 56.923… = 369.038…
      // 369.038… / 16.5 = 22.366…: band critical, already worse than the knockout cap.
      const result = score(true);
      expect(result.overall).toBeCloseTo((167.5 + 2620 / 13) / 16.5, 9);
      expect(result.overall).toBeCloseTo(22.366, 3);
      expect(result.rating).toBe('critical');
      // PIC-02 stays hidden; MFA-01 and MFA-03 pass. UPD-01 fails too: 0 < its passLevel 0.3.
      expect(result.failedKnockouts.map((k) => k.questionId)).toEqual([
        'LOG-01',
        'SEG-01',
        'OBS-01',
        'OBS-06',
        'UPD-01',
        'BAK-01',
        'IRP-04',
      ]);
      expect(result.openKnockouts).toEqual([]);
      expect(result.pending).toEqual({ count: 2, weight: 5 });
    });
  });
});
