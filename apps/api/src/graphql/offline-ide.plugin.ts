import type { ApolloServerPlugin } from '@apollo/server';

/**
 * GraphiQL as Apollo's landing page, with no network access needed. Apollo's default page
 * (Sandbox) and Nest's `graphiql` option both load the IDE from a CDN; this page inlines
 * GraphiQL's prebuilt bundle (JS, CSS, editor workers, ~9 MB) from @graphql-yoga/render-graphiql.
 * Queries go out as POST with `Content-Type: application/json`, which Apollo's CSRF prevention
 * accepts; an `Authorization` header can be added in the Headers tab.
 */
export function offlineIdePlugin(options: { endpoint: string }): ApolloServerPlugin {
  return {
    async serverWillStart() {
      // Loaded here, not at the top, so a server without the IDE never reads the bundle.
      const { renderGraphiQL } = await import('@graphql-yoga/render-graphiql');
      const html = renderGraphiQL({
        title: 'Cascade GraphiQL',
        endpoint: options.endpoint,
        method: 'POST',
        useGETForQueries: false,
        // Tokens typed into the Headers tab stay in the tab, not in localStorage.
        shouldPersistHeaders: false,
        defaultQuery:
          '# Headers tab, below: {"Authorization": "Bearer <token>"}\n{\n  __typename\n}\n',
      });
      return {
        renderLandingPage: () => Promise.resolve({ html }),
      };
    },
  };
}
