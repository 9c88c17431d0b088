import { describe, expect, it } from '@jest/globals';
import { mayGrant } from './role-ceiling.js';
import { ROLES } from './roles.js';

describe('mayGrant', () => {
  it('lets owners grant every role and only owners grant owner', () => {
    for (const role of ROLES) expect(mayGrant('owner', role)).toBe(true);
    for (const grantor of ROLES.filter((r) => r !== 'owner')) {
      expect(mayGrant(grantor, 'owner')).toBe(false);
    }
  });

  it('never lets a role grant one that can do something it cannot', () => {
    expect(mayGrant('admin', 'admin')).toBe(true);
    expect(mayGrant('admin', 'auditor')).toBe(true);
    expect(mayGrant('risk_manager', 'admin')).toBe(false);
    expect(mayGrant('assessor', 'risk_manager')).toBe(false);
    expect(mayGrant('auditor', 'respondent')).toBe(false);
    expect(mayGrant('respondent', 'auditor')).toBe(false);
  });
});
