import { describe, expect, it } from '@jest/globals';
import { clauseGaps, type ContractClauses } from './contract-clauses.js';

const complete: ContractClauses = {
  incidentNotification: { withinHours: 24, channels: ['phone', 'email'] },
  logRetentionMonths: 12,
  mfaRequired: true,
  backup: { isolatedCopy: true, restoreTestMonths: 6 },
  auditRights: true,
  subcontractorDisclosure: true,
  accessRemovalWithinDays: 1,
  servicesBought: ['Managed endpoints'],
  servicesNotBought: ['Network monitoring'],
};

describe('contract clause gaps', () => {
  it('finds none in a contract that meets the advisory', () => {
    expect(clauseGaps(complete)).toEqual([]);
  });

  it('lists every missing clause of an empty contract', () => {
    expect(clauseGaps({}).map((g) => [g.clause, g.kind])).toEqual([
      ['incidentNotification', 'missing'],
      ['logRetentionMonths', 'missing'],
      ['mfaRequired', 'missing'],
      ['backup', 'missing'],
      ['auditRights', 'missing'],
      ['subcontractorDisclosure', 'missing'],
      ['accessRemovalWithinDays', 'missing'],
      ['servicesBought', 'missing'],
      ['servicesNotBought', 'missing'],
    ]);
  });

  it('flags clauses weaker than the advisory', () => {
    const weak = clauseGaps({
      ...complete,
      incidentNotification: { withinHours: 96, channels: [] },
      logRetentionMonths: 3,
      mfaRequired: false,
      backup: { isolatedCopy: false },
      accessRemovalWithinDays: 30,
    });
    expect(weak.every((g) => g.kind === 'weak')).toBe(true);
    expect(weak.map((g) => g.clause)).toEqual([
      'incidentNotification',
      'incidentNotification',
      'logRetentionMonths',
      'mfaRequired',
      'backup',
      'accessRemovalWithinDays',
    ]);
    expect(weak[2].message).toBe('Logs kept 3 months; the advisory asks for at least six.');
  });
});
