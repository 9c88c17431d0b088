import { type Session, sessionStore, type SessionPayload } from './session-store';

/**
 * Marks every request as the web app's: the API then keeps refresh tokens in its HttpOnly cookie.
 * A cross-site page cannot send this header without a CORS preflight the API never grants.
 */
export const BROWSER_SESSION_HEADERS = { 'x-cascade-session': 'cookie' } as const;

/** Renew a little early, so a request never leaves with a token about to lapse. */
const RENEW_MARGIN_MS = 30_000;

let inFlight: Promise<Session | null> | null = null;

/**
 * Trades the refresh cookie for a new access token. A refresh token works once and reusing one ends
 * the session, so renewals are serialised: within a tab by sharing one promise, across tabs by a
 * Web Lock (each tab then sends the cookie the previous renewal left).
 */
export function renewSession(): Promise<Session | null> {
  inFlight ??= withLock(postRenewal).finally(() => {
    inFlight = null;
  });
  return inFlight;
}

/** A token good for the next request, renewing first when it is about to lapse. */
export async function usableAccessToken(now = Date.now()): Promise<string | null> {
  const session = sessionStore.get();
  if (session && session.expiresAt - now > RENEW_MARGIN_MS) return session.accessToken;
  return (await renewSession())?.accessToken ?? null;
}

export async function signOut(): Promise<void> {
  try {
    await fetch('/auth/logout', { method: 'POST', headers: BROWSER_SESSION_HEADERS });
  } finally {
    sessionStore.clear();
  }
}

async function postRenewal(): Promise<Session | null> {
  const response = await fetch('/auth/refresh', {
    method: 'POST',
    headers: BROWSER_SESSION_HEADERS,
  });
  if (!response.ok) {
    sessionStore.clear();
    return null;
  }
  return sessionStore.accept((await response.json()) as SessionPayload);
}

function withLock<T>(work: () => Promise<T>): Promise<T> {
  if (typeof navigator === 'undefined' || !('locks' in navigator)) return work();
  return navigator.locks.request('cascade-session-renewal', work);
}
