import { describe, expect, it } from 'vitest';
import { vendorSearch } from './vendor-search';

describe('vendor filters in the URL', () => {
  it('reads a tier and a tag', () => {
    expect(vendorSearch({ tier: '2', tag: ' backup ' })).toEqual({ tier: 2, tag: 'backup' });
  });

  it('drops what is malformed instead of failing the page', () => {
    expect(vendorSearch({ tier: '7', tag: '' })).toEqual({});
    expect(vendorSearch({ tier: 'x', tag: 5 })).toEqual({});
  });

  it('bounds a long tag', () => {
    expect(vendorSearch({ tag: 'a'.repeat(500) }).tag).toHaveLength(100);
  });
});
