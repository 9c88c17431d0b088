import { describe, expect, it } from '@jest/globals';
import { clauseContradictions } from './clause-contradictions.js';

describe('clauses against answers', () => {
  const clauses = {
    incidentNotification: { withinHours: 24, channels: ['phone'] },
    logRetentionMonths: 12,
    mfaRequired: true,
    backup: { isolatedCopy: true },
  };

  it('flags each answer that promises less than the contract', () => {
    const found = clauseContradictions(clauses, {
      'IRP-05': 72,
      'LOG-01': 6,
      'MFA-01': 'partial',
      'BAK-01': 'no',
    });
    expect(found).toEqual([
      {
        clause: 'incidentNotification',
        questionId: 'IRP-05',
        contractSays: 'notify within 24 hours',
        answerSays: 'notifies within 72 hours',
      },
      {
        clause: 'logRetentionMonths',
        questionId: 'LOG-01',
        contractSays: 'keep logs 12 months',
        answerSays: 'keeps logs 6 months',
      },
      expect.objectContaining({ clause: 'mfaRequired', answerSays: 'MFA enforced: partial' }),
      expect.objectContaining({ clause: 'backup', answerSays: 'isolated copy: no' }),
    ]);
  });

  it('is quiet when the answers meet or beat the contract, or say nothing', () => {
    expect(
      clauseContradictions(clauses, {
        'IRP-05': 24,
        'LOG-01': 13,
        'MFA-01': 'yes',
        'BAK-01': 'yes',
      }),
    ).toEqual([]);
    expect(clauseContradictions(clauses, {})).toEqual([]);
    expect(clauseContradictions({}, { 'IRP-05': 96, 'MFA-01': 'no' })).toEqual([]);
  });
});
