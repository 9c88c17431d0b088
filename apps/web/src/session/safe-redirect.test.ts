import { describe, expect, it } from 'vitest';
import { safeRedirect } from './safe-redirect';

describe('where sign-in may send you', () => {
  it('keeps a path on this site, with its query', () => {
    expect(safeRedirect('/vendors?tier=1')).toBe('/vendors?tier=1');
  });

  it.each([
    ['another site', 'https://evil.example/'],
    ['a protocol-relative address', '//evil.example/x'],
    ['a backslash trick', '/\\evil.example'],
    ['a control character', '/vendors\n//evil'],
    ['a script address', 'javascript:alert(1)'],
    ['nothing', undefined],
    ['a number', 42],
  ])('refuses %s', (_, target) => {
    expect(safeRedirect(target)).toBe('/');
  });
});
