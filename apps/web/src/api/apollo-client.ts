import {
  ApolloClient,
  ApolloLink,
  CombinedGraphQLErrors,
  HttpLink,
  InMemoryCache,
} from '@apollo/client';
import { SetContextLink } from '@apollo/client/link/context';
import { ErrorLink } from '@apollo/client/link/error';
import { from, switchMap, throwError } from 'rxjs';
import {
  BROWSER_SESSION_HEADERS,
  renewSession,
  usableAccessToken,
} from '../session/browser-session';

const isUnauthenticated = (error: unknown): boolean =>
  CombinedGraphQLErrors.is(error) &&
  error.errors.some((e) => e.extensions?.code === 'UNAUTHENTICATED');

/** Sends the in-memory access token, renewing it through the cookie first when it is about to lapse. */
const authentication = new SetContextLink(async (previous) => {
  const token = await usableAccessToken();
  return {
    headers: {
      ...(previous.headers as Record<string, string> | undefined),
      ...BROWSER_SESSION_HEADERS,
      ...(token ? { authorization: `Bearer ${token}` } : {}),
    },
  };
});

/** A token revoked or expired on the server: renew once and try again; a second refusal stands. */
const retryOnceAfterRenewal = new ErrorLink(({ error, operation, forward }) => {
  if (!isUnauthenticated(error) || operation.getContext().renewed) return;
  return from(renewSession()).pipe(
    switchMap((session) => {
      operation.setContext({ renewed: true });
      return session ? forward(operation) : throwError(() => error);
    }),
  );
});

export function createApolloClient(uri = '/graphql'): ApolloClient {
  return new ApolloClient({
    link: ApolloLink.from([retryOnceAfterRenewal, authentication, new HttpLink({ uri })]),
    cache: new InMemoryCache(),
    defaultOptions: { watchQuery: { fetchPolicy: 'cache-and-network' } },
  });
}
