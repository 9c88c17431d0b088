/**
 * Binds `:name` placeholders to positional parameters, numbering only the names a statement
 * uses: PostgreSQL refuses parameters it cannot see. `::type` casts are left alone.
 */
export function bind(
  query: string,
  values: Readonly<Record<string, unknown>>,
): [string, unknown[]] {
  const names: string[] = [];
  const text = query.replace(/(?<!:):([a-z][A-Za-z]*)\b/g, (match, name: string) => {
    if (!(name in values)) return match;
    if (!names.includes(name)) names.push(name);
    return `$${names.indexOf(name) + 1}`;
  });
  return [text, names.map((name) => values[name])];
}
