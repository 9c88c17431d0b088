import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { sessionStore } from '../session/session-store';
import { fakeApi } from '../test/fake-api';
import { renderApp } from '../test/render-app';

const session = {
  accessToken: 'access-new',
  expiresInSeconds: 900,
  userId: 'u2',
  organizationId: 'o2',
  role: 'editor',
  __typename: 'AuthSession',
};

/** Opens `path` as a mailed link would, with `#token=…` in the address bar. */
function openLink(path: string, token: string | null, answers: Parameters<typeof fakeApi>[0]) {
  window.history.replaceState(null, '', token ? `${path}#token=${token}` : path);
  const api = fakeApi(answers);
  return { ...renderApp(path, api.link), seen: api.seen };
}

beforeEach(() => {
  sessionStore.clear();
  sessionStorage.clear();
  vi.stubGlobal(
    'fetch',
    vi.fn(() => Promise.resolve(new Response(null, { status: 401 }))),
  );
});
afterEach(() => vi.unstubAllGlobals());

describe('the password reset link', () => {
  it('takes the token, wipes it from the address bar, and sets the new password', async () => {
    const { seen } = openLink('/password-reset', 'reset-123', {
      ResetPassword: () => ({ data: { resetPassword: true } }),
    });
    const password = await screen.findByLabelText(/^new password/i, { selector: 'input' });
    expect(window.location.hash).toBe('');
    await userEvent.type(password, 'a long new passphrase');
    await userEvent.type(screen.getByLabelText(/^repeat it/i, { selector: 'input' }), 'a long');
    expect(screen.getByText('The two passwords differ.')).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Change password' })).toBeDisabled();
    await userEvent.type(
      screen.getByLabelText(/^repeat it/i, { selector: 'input' }),
      ' new passphrase',
    );
    await userEvent.click(screen.getByRole('button', { name: 'Change password' }));

    expect(await screen.findByRole('heading', { name: 'Password changed' })).toBeInTheDocument();
    expect(seen.at(-1)?.variables).toEqual({
      input: { token: 'reset-123', newPassword: 'a long new passphrase' },
    });
  });

  it('without a token, asks for an email and says the same whether or not it exists', async () => {
    const { seen } = openLink('/password-reset', null, {
      RequestPasswordReset: () => ({ data: { requestPasswordReset: true } }),
    });
    await userEvent.type(await screen.findByLabelText(/^email/i), 'someone@example.test');
    await userEvent.click(screen.getByRole('button', { name: 'Send me a link' }));
    expect(await screen.findByRole('heading', { name: 'Check your email' })).toBeInTheDocument();
    expect(seen.at(-1)?.variables).toEqual({ email: 'someone@example.test' });
  });
});

describe('the invitation link', () => {
  it('creates the account, joins, and signs the new member in', async () => {
    const { seen, router } = openLink('/invitations/accept', 'invite-9', {
      AcceptInvitation: () => ({ data: { acceptInvitation: session } }),
    });
    await userEvent.type(await screen.findByLabelText(/^your name/i), 'Ada');
    await userEvent.type(
      screen.getByLabelText(/^choose a password/i, { selector: 'input' }),
      'correct horse battery staple',
    );
    await userEvent.click(screen.getByRole('button', { name: 'Create my account and join' }));

    await waitFor(() => expect(router.state.location.pathname).toBe('/dashboard'));
    expect(sessionStore.get()?.accessToken).toBe('access-new');
    expect(seen.find((op) => op.operationName === 'AcceptInvitation')?.variables).toEqual({
      input: { token: 'invite-9', password: 'correct horse battery staple', displayName: 'Ada' },
    });
    // Used up: the tab no longer keeps it.
    expect(sessionStorage.getItem('cascade-invitation')).toBeNull();
  });

  it('keeps the token for this tab while someone with an account signs in first', async () => {
    openLink('/invitations/accept', 'invite-10', {});
    await userEvent.click(await screen.findByText('I have an account'));
    expect(screen.getByRole('link', { name: 'Sign in to accept' })).toHaveAttribute(
      'href',
      '/sign-in?redirect=%2Finvitations%2Faccept',
    );
    expect(window.location.hash).toBe('');
    expect(sessionStorage.getItem('cascade-invitation')).toBe('invite-10');
  });

  it('says so when the link lost its token', async () => {
    openLink('/invitations/accept', null, {});
    expect(
      await screen.findByRole('heading', { name: 'This invitation link is incomplete' }),
    ).toBeInTheDocument();
  });
});
