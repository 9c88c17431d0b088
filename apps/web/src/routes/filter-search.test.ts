import { describe, expect, it } from 'vitest';
import { filterSearch } from './filter-search';

describe('tier and tag filters in the URL', () => {
  it('reads a tier and a tag', () => {
    expect(filterSearch({ tier: '2', tag: ' backup ' })).toEqual({ tier: 2, tag: 'backup' });
  });

  it('drops what is malformed instead of failing the page', () => {
    expect(filterSearch({ tier: '7', tag: '' })).toEqual({});
    expect(filterSearch({ tier: 'x', tag: 5 })).toEqual({});
  });

  it('bounds a long tag', () => {
    expect(filterSearch({ tag: 'a'.repeat(500) }).tag).toHaveLength(100);
  });
});
