import type { ApolloLink } from '@apollo/client';
import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { sessionStore } from '../session/session-store';
import { fakeApi } from '../test/fake-api';
import { renderApp } from '../test/render-app';

const session = {
  accessToken: 'access-1',
  expiresInSeconds: 900,
  userId: 'u1',
  organizationId: 'o1',
  role: 'owner',
  __typename: 'AuthSession',
};

const api = (login: () => ApolloLink.Result) => fakeApi({ Login: login });

describe('signing in', () => {
  beforeEach(() => {
    sessionStore.clear();
    // No refresh cookie: renewing answers "signed out".
    vi.stubGlobal(
      'fetch',
      vi.fn(() => Promise.resolve(new Response(null, { status: 401 }))),
    );
  });
  afterEach(() => vi.unstubAllGlobals());

  it('sends a signed-out visitor to sign in, then on to the page they asked for', async () => {
    const { link, seen } = api(() => ({ data: { login: session } }));
    const { router } = renderApp('/vendors?tier=1', link);
    await userEvent.type(await screen.findByLabelText(/email/i), 'risk@example.test');
    await userEvent.type(
      screen.getByLabelText(/^password/i, { selector: 'input' }),
      'correct horse battery staple',
    );
    await userEvent.click(screen.getByRole('button', { name: 'Sign in' }));

    await waitFor(() => expect(router.state.location.pathname).toBe('/vendors'));
    expect(router.state.location.search).toEqual({ tier: 1 });
    expect(sessionStore.get()?.accessToken).toBe('access-1');
    expect(seen[0].variables).toEqual({
      input: { email: 'risk@example.test', password: 'correct horse battery staple' },
    });
  });

  it("shows the API's reason when sign-in is refused, and stays", async () => {
    const { link } = api(() => ({
      errors: [
        {
          message: 'Email or password is wrong.',
          extensions: { code: 'UNAUTHENTICATED' },
        },
      ],
    }));
    const { router } = renderApp('/sign-in', link);
    await userEvent.type(await screen.findByLabelText(/email/i), 'risk@example.test');
    await userEvent.type(screen.getByLabelText(/^password/i, { selector: 'input' }), 'wrong');
    await userEvent.click(screen.getByRole('button', { name: 'Sign in' }));

    expect(await screen.findByRole('alert')).toHaveTextContent('Email or password is wrong.');
    expect(router.state.location.pathname).toBe('/sign-in');
    expect(sessionStore.get()).toBeNull();
  });
});
