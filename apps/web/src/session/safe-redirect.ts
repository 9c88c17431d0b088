/**
 * Where to go after signing in: only a path on this site. `//evil.example` and `https://…` would
 * send a freshly signed-in person elsewhere, so anything but a plain local path becomes `/`.
 */
export function safeRedirect(target: unknown): string {
  if (typeof target !== 'string' || !target.startsWith('/') || target.startsWith('//')) return '/';
  if (target.includes('\\') || /[\u0000-\u001f]/.test(target)) return '/';
  return target;
}
