import { describe, expect, it } from '@jest/globals';
import { inlineParameters, sqlLiteral } from './inline-parameters.js';

describe('sqlLiteral', () => {
  it('quotes every value, numbers included, so none can join the text around it', () => {
    expect(sqlLiteral('abc')).toBe("'abc'");
    expect(sqlLiteral(-1)).toBe("'-1'");
    expect(sqlLiteral(true)).toBe("'true'");
    expect(sqlLiteral(new Date('2026-01-02T03:04:05Z'))).toBe("'2026-01-02T03:04:05.000Z'");
    expect(sqlLiteral(null)).toBe('NULL');
    expect(sqlLiteral(undefined)).toBe('NULL');
  });

  it('doubles quotes and escapes backslashes', () => {
    expect(sqlLiteral("O'Brien")).toBe("'O''Brien'");
    expect(sqlLiteral('a\\b')).toBe(" E'a\\\\b'");
  });

  it('writes arrays as quoted array literals, null elements as NULL', () => {
    // The element's escaping backslash is itself escaped by the string literal around it.
    expect(sqlLiteral(['a', 'b"c', null, 'd,e}'])).toBe(` E'{"a","b\\\\"c",NULL,"d,e}"}'`);
    expect(sqlLiteral([])).toBe("'{}'");
  });

  it('refuses what it cannot write faithfully', () => {
    expect(() => sqlLiteral(Number.NaN)).toThrow(TypeError);
    expect(() => sqlLiteral({ a: 1 })).toThrow(TypeError);
    expect(() => sqlLiteral([['nested']])).toThrow(TypeError);
  });
});

describe('inlineParameters', () => {
  it('replaces each $n, two-digit ones too', () => {
    const params = Array.from({ length: 10 }, (_, i) => `v${i + 1}`);
    expect(inlineParameters('SELECT $1, $10, $1', params)).toBe("SELECT 'v1', 'v10', 'v1'");
  });

  it('refuses a missing value and any other dollar sign', () => {
    expect(() => inlineParameters('SELECT $2', ['one'])).toThrow('No value for $2');
    expect(() => inlineParameters('SELECT $$x$$, $1', ['one'])).toThrow(TypeError);
  });
});
