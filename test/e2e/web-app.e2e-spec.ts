import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { TEST_PASSWORD, type TestTenant } from '@app/testing';
import { WEB_APP_CSP } from '../../apps/api/src/web/web-app-headers.js';
import { WEB_APP_DIR } from '../../apps/api/src/web/web-app.js';
import { startTestApi, type TestApi } from '../support/test-api.js';

const LOGIN = `mutation ($input: LoginInput!) {
  login(input: $input) { accessToken refreshToken expiresInSeconds organizationId }
}`;
const BROWSER = { 'x-cascade-session': 'cookie' };

const cookieOf = (setCookie: string | string[] | undefined): string => {
  const header = Array.isArray(setCookie) ? setCookie[0] : setCookie;
  if (!header) throw new Error('no Set-Cookie');
  return header;
};
const valueOf = (cookie: string) => cookie.split(';')[0];
interface LoginBody {
  data: { login: { accessToken: string; refreshToken: string } };
}
const loginOf = (response: { body: unknown }) => (response.body as LoginBody).data.login;

describe('the web app on the API port', () => {
  let api: TestApi;
  let tenant: TestTenant;

  beforeAll(async () => {
    // `npm test` builds the app first (pretest); serving it is what is under test here.
    expect(existsSync(join(WEB_APP_DIR, 'index.html'))).toBe(true);
    api = await startTestApi();
    tenant = await api.tenant();
  });

  afterAll(() => api.close());

  describe('pages and files', () => {
    it('serves the app at / with a strict content security policy', async () => {
      const response = await api.http().get('/').set('Accept', 'text/html');
      expect(response.status).toBe(200);
      expect(response.text).toContain('<div id="root"></div>');
      expect(response.headers['content-security-policy']).toBe(WEB_APP_CSP);
      expect(WEB_APP_CSP).toContain("script-src 'self'");
      expect(WEB_APP_CSP).not.toMatch(/script-src[^;]*unsafe/);
      expect(response.headers['x-content-type-options']).toBe('nosniff');
      // The page itself runs no inline script: every script is a file from this origin.
      expect(response.text).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/);
    });

    it("answers the app's own pages with the app, so a link or a reload works", async () => {
      for (const path of ['/vendors?tier=1', '/invitations/accept', '/password-reset']) {
        const response = await api.http().get(path).set('Accept', 'text/html,*/*');
        expect(response.status).toBe(200);
        expect(response.text).toContain('<div id="root"></div>');
      }
    });

    it('keeps 404 for what is not a page, and leaves the API routes alone', async () => {
      const json = await api.http().get('/no-such-thing').set('Accept', 'application/json');
      expect(json.status).toBe(404);
      const post = await api.http().post('/vendors').set('Accept', 'text/html');
      expect(post.status).toBe(404);
      const health = await api.http().get('/health/live').set('Accept', 'text/html');
      expect(health.status).toBe(200);
      expect(health.body).toMatchObject({ status: 'ok' });
    });

    it('serves hashed assets to be cached for good', async () => {
      const page = await api.http().get('/').set('Accept', 'text/html');
      const script = /src="(\/assets\/[^"]+\.js)"/.exec(page.text)?.[1];
      expect(script).toBeDefined();
      const asset = await api.http().get(script!);
      expect(asset.status).toBe(200);
      expect(asset.headers['content-type']).toMatch(/javascript/);
      expect(asset.headers['cache-control']).toContain('immutable');
    });
  });

  describe('browser sessions', () => {
    const login = (headers: Record<string, string> = BROWSER, host?: string) => {
      let call = api.http().post('/graphql').set('Content-Type', 'application/json');
      for (const [name, value] of Object.entries({ ...headers, ...(host ? { Host: host } : {}) }))
        call = call.set(name, value);
      return call.send({
        query: LOGIN,
        variables: { input: { email: tenant.email, password: TEST_PASSWORD } },
      });
    };

    it('keeps the refresh token out of the page: an HttpOnly, SameSite=Strict cookie on /auth', async () => {
      const response = await login();
      expect(loginOf(response).accessToken).toEqual(expect.any(String));
      expect(loginOf(response).refreshToken).toBe('');
      const cookie = cookieOf(response.headers['set-cookie']);
      expect(cookie).toMatch(/^cascade_refresh=[A-Za-z0-9_.-]+;/);
      expect(cookie).toContain('HttpOnly');
      expect(cookie).toContain('SameSite=Strict');
      expect(cookie).toContain('Path=/auth');
      expect(response.headers['cache-control']).toBe('no-store');
    });

    it('sets the cookie whatever the document selected (the web app never asks for the token)', async () => {
      const response = await api
        .http()
        .post('/graphql')
        .set('Content-Type', 'application/json')
        .set(BROWSER)
        .send({
          query: 'mutation ($input: LoginInput!) { login(input: $input) { accessToken } }',
          variables: { input: { email: tenant.email, password: TEST_PASSWORD } },
        });
      expect(cookieOf(response.headers['set-cookie'])).toMatch(/^cascade_refresh=[A-Za-z0-9_.-]+;/);
      const renewed = await api
        .http()
        .post('/auth/refresh')
        .set(BROWSER)
        .set('Cookie', valueOf(cookieOf(response.headers['set-cookie'])));
      expect(renewed.status).toBe(200);
    });

    it('marks the cookie Secure everywhere but plain-HTTP loopback', async () => {
      const local = cookieOf((await login(BROWSER, '127.0.0.1')).headers['set-cookie']);
      expect(local).not.toContain('Secure');
      const remote = cookieOf((await login(BROWSER, 'cascade.example')).headers['set-cookie']);
      expect(remote).toContain('Secure');
    });

    it('gives API clients (no browser header) their token in the body, as before', async () => {
      const response = await login({});
      expect(loginOf(response).refreshToken).not.toBe('');
      expect(response.headers['set-cookie']).toBeUndefined();
    });

    it('renews through the cookie once, rotating it; a replayed cookie ends the session', async () => {
      const first = valueOf(cookieOf((await login()).headers['set-cookie']));
      const renewed = await api.http().post('/auth/refresh').set(BROWSER).set('Cookie', first);
      expect(renewed.status).toBe(200);
      expect(renewed.body).toMatchObject({
        accessToken: expect.any(String),
        organizationId: tenant.tenant.id,
      });
      expect(renewed.body).not.toHaveProperty('refreshToken');
      const second = valueOf(cookieOf(renewed.headers['set-cookie']));
      expect(second).not.toBe(first);

      const replay = await api.http().post('/auth/refresh').set(BROWSER).set('Cookie', first);
      expect(replay.status).toBe(401);
      expect(cookieOf(replay.headers['set-cookie'])).toContain('Max-Age=0');
      // The replay revoked the whole family: the newer cookie is dead too.
      const after = await api.http().post('/auth/refresh').set(BROWSER).set('Cookie', second);
      expect(after.status).toBe(401);
    });

    it('refuses a renewal without the browser header (a cross-site form cannot send one)', async () => {
      const cookie = valueOf(cookieOf((await login()).headers['set-cookie']));
      const forged = await api.http().post('/auth/refresh').set('Cookie', cookie);
      expect(forged.status).toBe(401);
      // The cookie was not spent by the refused attempt.
      const real = await api.http().post('/auth/refresh').set(BROWSER).set('Cookie', cookie);
      expect(real.status).toBe(200);
    });

    it('signs out: the cookie is cleared and can no longer renew', async () => {
      const cookie = valueOf(cookieOf((await login()).headers['set-cookie']));
      const out = await api.http().post('/auth/logout').set(BROWSER).set('Cookie', cookie);
      expect(out.status).toBe(204);
      expect(cookieOf(out.headers['set-cookie'])).toContain('Max-Age=0');
      const renew = await api.http().post('/auth/refresh').set(BROWSER).set('Cookie', cookie);
      expect(renew.status).toBe(401);
    });

    it('answers a renewal with no cookie as signed out, not as an error', async () => {
      const response = await api.http().post('/auth/refresh').set(BROWSER);
      expect(response.status).toBe(401);
      expect(response.body).toMatchObject({ code: 'UNAUTHENTICATED', reason: 'SIGNED_OUT' });
    });
  });
});
