/**
 * Where to go after signing in: only a path on this site. `//evil.example` and `https://…` would
 * send a freshly signed-in person elsewhere, so anything but a plain local path becomes `/`.
 */
export function safeRedirect(target: unknown): string {
  if (typeof target !== 'string' || !target.startsWith('/') || target.startsWith('//')) return '/';
  const controlCharacter = [...target].some((c) => c.charCodeAt(0) < 0x20);
  if (target.includes('\\') || controlCharacter) return '/';
  return target;
}
