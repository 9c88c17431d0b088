/**
 * Tenant-chosen text (names, titles) as it may appear in a mail Cascade sends: on one line, with
 * control and invisible characters gone, and defanged so no mail client makes a link of it: the
 * dot inside "evil.example", the "@" of an address and the ":" before "//" become look-alike
 * characters. Only Cascade's own links are links. Applies to text stored before names were
 * checked at the edge as well.
 */
export function mailSafe(text: string): string {
  return text
    .replace(/[\p{Cc}\p{Cf}\p{Zl}\p{Zp}\s]+/gu, ' ')
    .trim()
    .replace(/(?<=[\p{L}\p{N}])\.(?=\p{L})/gu, '\u2024')
    .replace(/@/g, '\uFF20')
    .replace(/:(?=\/)/g, '\uA789');
}
