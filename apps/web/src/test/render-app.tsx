import { ApolloClient, type ApolloLink, InMemoryCache } from '@apollo/client';
import { ApolloProvider } from '@apollo/client/react';
import { MantineProvider } from '@mantine/core';
import { createMemoryHistory, RouterProvider } from '@tanstack/react-router';
import { render } from '@testing-library/react';
import { createAppRouter } from '../routes/router';
import { cssVariablesResolver, theme } from '../theme';

/** The whole app at `path`, with GraphQL answered by `link` instead of a server. */
export function renderApp(path: string, link: ApolloLink) {
  const apollo = new ApolloClient({ link, cache: new InMemoryCache() });
  const router = createAppRouter({ apollo }, createMemoryHistory({ initialEntries: [path] }));
  const view = render(
    <MantineProvider theme={theme} cssVariablesResolver={cssVariablesResolver}>
      <ApolloProvider client={apollo}>
        <RouterProvider router={router} />
      </ApolloProvider>
    </MantineProvider>,
  );
  return { ...view, router };
}
