import { useMutation } from '@apollo/client/react';
import { Alert, Anchor, Button, PasswordInput, Stack, Text, TextInput, Title } from '@mantine/core';
import { getRouteApi, Link, useNavigate } from '@tanstack/react-router';
import { type FormEvent, useState } from 'react';
import { errorMessage } from '../api/error-message';
import { PublicCard } from '../components/public-card';
import { graphql } from '../gql';
import { sessionStore } from '../session/session-store';

const LoginDocument = graphql(`
  mutation Login($input: LoginInput!) {
    login(input: $input) {
      ...SessionFields
    }
  }
`);

const route = getRouteApi('/sign-in');

export function SignInPage() {
  const { redirect } = route.useSearch();
  const navigate = useNavigate();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [login, { loading, error }] = useMutation(LoginDocument);

  async function submit(event: FormEvent) {
    event.preventDefault();
    const result = await login({ variables: { input: { email, password } } }).catch(() => null);
    if (!result?.data) return;
    sessionStore.accept(result.data.login);
    await navigate({ to: redirect });
  }

  return (
    <PublicCard>
      <form onSubmit={(event) => void submit(event)} noValidate>
        <Stack>
          <Title order={1} size="h2">
            Sign in to Cascade
          </Title>
          <Text c="dimmed" size="sm">
            Vendor risk for managed service providers and their customers.
          </Text>
          {error && (
            <Alert color="red" title="Could not sign in" role="alert">
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
          <PasswordInput
            label="Password"
            autoComplete="current-password"
            required
            value={password}
            onChange={(event) => setPassword(event.currentTarget.value)}
          />
          <Button type="submit" loading={loading} disabled={!email || !password}>
            Sign in
          </Button>
          <Anchor component={Link} to="/password-reset" size="sm">
            Forgot your password?
          </Anchor>
        </Stack>
      </form>
    </PublicCard>
  );
}
