import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { renewSession, signOut, usableAccessToken } from './browser-session';
import { sessionStore } from './session-store';

const payload = (accessToken: string) => ({
  accessToken,
  expiresInSeconds: 900,
  userId: 'u1',
  organizationId: 'o1',
  role: 'owner',
});

function answer(status: number, body?: unknown): Response {
  return new Response(body === undefined ? null : JSON.stringify(body), { status });
}

describe('the browser session', () => {
  const fetchMock = vi.fn<typeof fetch>();

  beforeEach(() => {
    sessionStore.clear();
    fetchMock.mockReset();
    vi.stubGlobal('fetch', fetchMock);
  });

  afterEach(() => vi.unstubAllGlobals());

  it('renews once for many callers at the same moment (a refresh token works once)', async () => {
    fetchMock.mockResolvedValue(answer(200, payload('a2')));
    const sessions = await Promise.all([renewSession(), renewSession(), renewSession()]);
    expect(fetchMock).toHaveBeenCalledTimes(1);
    expect(sessions.map((s) => s?.accessToken)).toEqual(['a2', 'a2', 'a2']);
    const [url, init] = fetchMock.mock.calls[0];
    expect(url).toBe('/auth/refresh');
    expect(init?.headers).toEqual({ 'x-cascade-session': 'cookie' });
  });

  it('uses the token in memory while it is fresh, and renews when it is about to lapse', async () => {
    sessionStore.accept(payload('a1'), 0);
    expect(await usableAccessToken(60_000)).toBe('a1');
    expect(fetchMock).not.toHaveBeenCalled();
    fetchMock.mockResolvedValue(answer(200, payload('a2')));
    expect(await usableAccessToken(900_000 - 10_000)).toBe('a2');
  });

  it('forgets the session when the cookie no longer renews', async () => {
    sessionStore.accept(payload('a1'), 0);
    fetchMock.mockResolvedValue(answer(401, { code: 'UNAUTHENTICATED' }));
    expect(await renewSession()).toBeNull();
    expect(sessionStore.get()).toBeNull();
  });

  it('signs out on the server and in memory', async () => {
    sessionStore.accept(payload('a1'));
    fetchMock.mockResolvedValue(answer(204));
    await signOut();
    expect(fetchMock).toHaveBeenCalledWith(
      '/auth/logout',
      expect.objectContaining({ method: 'POST' }),
    );
    expect(sessionStore.get()).toBeNull();
  });
});
