import {
  isSecureContext,
  refreshCookie,
  setRefreshCookieHeaders,
  wantsCookieSession,
} from '@app/auth';
import type { ApolloServerPlugin } from '@apollo/server';
import type { GraphqlContext } from './graphql-options.js';

/**
 * For a browser (it sends `x-cascade-session: cookie`), every session a mutation opens (sign-in,
 * sign-up, switching organization, changing password, accepting an invitation) leaves the
 * response as an HttpOnly cookie instead of a field: the web app's scripts never see a refresh
 * token. API clients, which do not send the header, get the token in the body as before.
 */
export function refreshCookiePlugin(ttlSeconds: number): ApolloServerPlugin<GraphqlContext> {
  return {
    requestDidStart({ request }) {
      if (!request.http || !wantsCookieSession(request.http.headers)) return Promise.resolve();
      return Promise.resolve({
        willSendResponse({ response, contextValue }) {
          if (response.body.kind !== 'single') return Promise.resolve();
          const data = response.body.singleResult.data ?? {};
          for (const value of Object.values(data)) {
            if (!isSessionShape(value)) continue;
            const cookie = refreshCookie(
              value.refreshToken,
              ttlSeconds,
              isSecureContext(contextValue.req),
            );
            setRefreshCookieHeaders(response.http.headers, cookie);
            value.refreshToken = '';
          }
          return Promise.resolve();
        },
      });
    },
  };
}

function isSessionShape(value: unknown): value is { refreshToken: string } {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as { refreshToken?: unknown }).refreshToken === 'string' &&
    (value as { refreshToken: string }).refreshToken !== ''
  );
}
