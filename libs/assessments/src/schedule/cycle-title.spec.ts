import { describe, expect, it } from '@jest/globals';
import { cycleTitle } from './reassessment-sweep.service.js';

describe('cycleTitle', () => {
  it('names the cycle, replacing the date of the cycle before', () => {
    expect(cycleTitle('MSP advisory — Contoso', '2030-07-10')).toBe(
      'MSP advisory — Contoso (2030-07-10 cycle)',
    );
    expect(cycleTitle('MSP advisory — Contoso (2030-07-10 cycle)', '2031-01-10')).toBe(
      'MSP advisory — Contoso (2031-01-10 cycle)',
    );
  });

  it('stays within the 200 characters a title may have', () => {
    const title = cycleTitle('é'.repeat(200), '2030-07-10');
    expect([...title]).toHaveLength(200);
    expect(title.endsWith(' (2030-07-10 cycle)')).toBe(true);
  });
});
