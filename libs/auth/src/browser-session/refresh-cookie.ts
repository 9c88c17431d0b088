import type { Request, Response } from 'express';

/**
 * A browser's refresh token lives only in this cookie: HttpOnly, so no script can read it;
 * SameSite=Strict and limited to the session routes, so no other site can spend it and no other
 * request carries it; Secure everywhere except plain-HTTP loopback, where browsers would drop it.
 */
export const REFRESH_COOKIE = 'cascade_refresh';
export const REFRESH_COOKIE_PATH = '/auth';

/**
 * Browsers opt in with this header. It is not a CORS-safelisted header, so a cross-site page cannot
 * send it without a preflight the API never grants: together with SameSite it stops CSRF.
 */
export const BROWSER_SESSION_HEADER = 'x-cascade-session';
export const BROWSER_SESSION_VALUE = 'cookie';

const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '::1', '[::1]']);

export function wantsCookieSession(request: Request): boolean {
  return request.headers[BROWSER_SESSION_HEADER] === BROWSER_SESSION_VALUE;
}

export function isSecureContext(request: Request): boolean {
  return request.protocol === 'https' || !LOOPBACK_HOSTS.has(request.hostname);
}

export function refreshCookie(token: string, maxAgeSeconds: number, secure: boolean): string {
  return serialize(token, maxAgeSeconds, secure);
}

export function expiredRefreshCookie(secure: boolean): string {
  return serialize('', 0, secure);
}

export function setRefreshCookie(response: Response, cookie: string): void {
  response.setHeader('Set-Cookie', cookie);
  // A response that sets a session must never be stored by a shared cache.
  response.setHeader('Cache-Control', 'no-store');
}

/** The refresh token from the request's cookies, if there is exactly one well-formed one. */
export function readRefreshCookie(request: Request): string | undefined {
  const found = (request.headers.cookie ?? '')
    .split(';')
    .map((pair) => pair.trim())
    .filter((pair) => pair.startsWith(`${REFRESH_COOKIE}=`))
    .map((pair) => pair.slice(REFRESH_COOKIE.length + 1));
  if (found.length !== 1) return undefined;
  // Tokens are base64url; anything else was not set by Cascade.
  return /^[A-Za-z0-9_.-]{1,200}$/.test(found[0]) ? found[0] : undefined;
}

function serialize(value: string, maxAgeSeconds: number, secure: boolean): string {
  return [
    `${REFRESH_COOKIE}=${value}`,
    `Path=${REFRESH_COOKIE_PATH}`,
    `Max-Age=${maxAgeSeconds}`,
    'HttpOnly',
    'SameSite=Strict',
    ...(secure ? ['Secure'] : []),
  ].join('; ');
}
