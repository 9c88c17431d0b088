import { useMutation } from '@apollo/client/react';
import { Alert, Button, PasswordInput, Stack, Text, TextInput, Title } from '@mantine/core';
import { type FormEvent, useState } from 'react';
import { errorMessage } from '../api/error-message';
import { PublicCard } from '../components/public-card';
import { SignInLink } from '../components/sign-in-link';
import { graphql } from '../gql';
import { takeLinkToken } from '../session/link-token';

const RequestResetDocument = graphql(`
  mutation RequestPasswordReset($email: String!) {
    requestPasswordReset(email: $email)
  }
`);

const ResetDocument = graphql(`
  mutation ResetPassword($input: ResetPasswordInput!) {
    resetPassword(input: $input)
  }
`);

/** `/password-reset`: ask for a link, or, arriving from one, choose a new password. */
export function PasswordResetPage() {
  const [token] = useState(() => takeLinkToken());
  return <PublicCard>{token ? <ChooseNewPassword token={token} /> : <AskForLink />}</PublicCard>;
}

function AskForLink() {
  const [email, setEmail] = useState('');
  const [request, { data, loading, error }] = useMutation(RequestResetDocument);
  async function submit(event: FormEvent) {
    event.preventDefault();
    await request({ variables: { email } }).catch(() => null);
  }
  if (data) {
    return (
      <Stack>
        <Title order={1} size="h2">
          Check your email
        </Title>
        <Text>
          If an account uses {email}, a link to choose a new password is on its way. It works once
          and expires soon.
        </Text>
        <SignInLink redirect="/">Back to sign in</SignInLink>
      </Stack>
    );
  }
  return (
    <form onSubmit={(event) => void submit(event)} noValidate>
      <Stack>
        <Title order={1} size="h2">
          Reset your password
        </Title>
        {error && (
          <Alert color="red" title="Could not send the link" role="alert">
            {errorMessage(error)}
          </Alert>
        )}
        <TextInput
          label="Email"
          type="email"
          autoComplete="username"
          required
          value={email}
          onChange={(event) => setEmail(event.currentTarget.value)}
        />
        <Button type="submit" loading={loading} disabled={!email}>
          Send me a link
        </Button>
      </Stack>
    </form>
  );
}

function ChooseNewPassword({ token }: { readonly token: string }) {
  const [password, setPassword] = useState('');
  const [repeated, setRepeated] = useState('');
  const [reset, { data, loading, error }] = useMutation(ResetDocument);
  const mismatch = repeated.length > 0 && repeated !== password;
  async function submit(event: FormEvent) {
    event.preventDefault();
    await reset({ variables: { input: { token, newPassword: password } } }).catch(() => null);
  }
  if (data?.resetPassword) {
    return (
      <Stack>
        <Title order={1} size="h2">
          Password changed
        </Title>
        <Text>Every session you had is signed out. Sign in with your new password.</Text>
        <SignInLink redirect="/">Sign in</SignInLink>
      </Stack>
    );
  }
  return (
    <form onSubmit={(event) => void submit(event)} noValidate>
      <Stack>
        <Title order={1} size="h2">
          Choose a new password
        </Title>
        {error && (
          <Alert color="red" title="The password was not changed" role="alert">
            {errorMessage(error)}
          </Alert>
        )}
        <PasswordInput
          label="New password"
          autoComplete="new-password"
          required
          value={password}
          onChange={(event) => setPassword(event.currentTarget.value)}
        />
        <PasswordInput
          label="Repeat it"
          autoComplete="new-password"
          required
          value={repeated}
          error={mismatch ? 'The two passwords differ.' : undefined}
          onChange={(event) => setRepeated(event.currentTarget.value)}
        />
        <Button type="submit" loading={loading} disabled={!password || repeated !== password}>
          Change password
        </Button>
      </Stack>
    </form>
  );
}
