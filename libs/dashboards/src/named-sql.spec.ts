import { describe, expect, it } from '@jest/globals';
import { bind } from './named-sql.js';

describe('named SQL parameters', () => {
  it('numbers the names a statement uses, in order, once each, leaving casts alone', () => {
    expect(
      bind('SELECT :b::int, :a, :b WHERE x = :a AND y::text = :c', { a: 1, b: 2, c: 3, d: 4 }),
    ).toEqual(['SELECT $1::int, $2, $1 WHERE x = $2 AND y::text = $3', [2, 1, 3]]);
  });

  it('leaves unknown names untouched', () => {
    expect(bind("SELECT ':x' , :y", { y: 1 })).toEqual(["SELECT ':x' , $1", [1]]);
  });
});
