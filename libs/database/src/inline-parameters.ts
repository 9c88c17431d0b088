import pg from 'pg';

type Scalar = string | number | bigint | boolean | Date;

/** One element of a PostgreSQL array literal, double-quoted so no character means syntax. */
function arrayElement(value: unknown): string {
  if (value === null || value === undefined) return 'NULL';
  if (Array.isArray(value)) throw new TypeError('Nested arrays cannot be inlined.');
  return `"${text(value as Scalar).replace(/[\\"]/g, (c) => `\\${c}`)}"`;
}

function text(value: Scalar): string {
  if (value instanceof Date) return value.toISOString();
  if (typeof value === 'number' && !Number.isFinite(value)) {
    throw new TypeError(`${value} cannot be inlined.`);
  }
  if (['string', 'number', 'bigint', 'boolean'].includes(typeof value)) return String(value);
  throw new TypeError(`A ${typeof value} cannot be inlined.`);
}

/**
 * A value as a quoted literal of unknown type, as PostgreSQL treats a bind parameter: the
 * statement's casts (`$1::uuid`) or its context give it a type. Numbers are quoted too, so a
 * negative one can never meet a minus before it and become a comment.
 */
export function sqlLiteral(value: unknown): string {
  if (value === null || value === undefined) return 'NULL';
  if (Array.isArray(value)) return pg.escapeLiteral(`{${value.map(arrayElement).join(',')}}`);
  return pg.escapeLiteral(text(value as Scalar));
}

/**
 * `$1`…`$n` replaced by literals, so a parameterised statement can share a simple-query message
 * with others. Only for the code's own statements: their text must hold no other `$`, which
 * could be a dollar-quoted string whose contents would be rewritten.
 */
export function inlineParameters(sql: string, params: readonly unknown[]): string {
  if (/\$(?!\d)/.test(sql)) throw new TypeError('Only $n placeholders may contain a "$".');
  return sql.replace(/\$(\d+)/g, (_, n: string) => {
    const index = Number(n) - 1;
    if (index >= params.length) throw new TypeError(`No value for $${n}.`);
    return sqlLiteral(params[index]);
  });
}
