import { useApolloClient, useMutation } from '@apollo/client/react';
import {
  Alert,
  Button,
  PasswordInput,
  SegmentedControl,
  Stack,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useNavigate } from '@tanstack/react-router';
import { type FormEvent, useState } from 'react';
import { errorMessage } from '../api/error-message';
import { PublicCard } from '../components/public-card';
import { SignInLink } from '../components/sign-in-link';
import { graphql } from '../gql';
import { forgetLinkToken, takeLinkToken } from '../session/link-token';
import { sessionStore } from '../session/session-store';

const AcceptAsNewDocument = graphql(`
  mutation AcceptInvitation($input: AcceptInvitationInput!) {
    acceptInvitation(input: $input) {
      ...SessionFields
    }
  }
`);

const AcceptAsMemberDocument = graphql(`
  mutation AcceptInvitationAsMember($token: String!) {
    acceptInvitationAsMember(token: $token) {
      ...SessionFields
    }
  }
`);

/** Kept for this tab while a person who already has an account signs in first. */
const STASH = 'cascade-invitation';

/** `/invitations/accept#token=…`: join the organization that invited you. */
export function AcceptInvitationPage() {
  const [token] = useState(() => takeLinkToken(STASH));
  const [mode, setMode] = useState<'new' | 'member'>('new');
  if (!token) {
    return (
      <PublicCard>
        <Stack>
          <Title order={1} size="h2">
            This invitation link is incomplete
          </Title>
          <Text>Open the link from your invitation email again, whole.</Text>
        </Stack>
      </PublicCard>
    );
  }
  return (
    <PublicCard>
      <Stack>
        <Title order={1} size="h2">
          Join your team on Cascade
        </Title>
        <SegmentedControl
          value={mode}
          onChange={setMode}
          data={[
            { value: 'new', label: 'I am new to Cascade' },
            { value: 'member', label: 'I have an account' },
          ]}
        />
        {mode === 'new' ? <CreateAccount token={token} /> : <JoinAsMember token={token} />}
      </Stack>
    </PublicCard>
  );
}

function useEnterApp() {
  const apollo = useApolloClient();
  const navigate = useNavigate();
  return async (session: Parameters<typeof sessionStore.accept>[0]) => {
    sessionStore.accept(session);
    forgetLinkToken(STASH);
    // Nothing cached for another organization may show in this one.
    await apollo.resetStore();
    await navigate({ to: '/' });
  };
}

function CreateAccount({ token }: { readonly token: string }) {
  const [displayName, setDisplayName] = useState('');
  const [password, setPassword] = useState('');
  const [accept, { loading, error }] = useMutation(AcceptAsNewDocument);
  const enter = useEnterApp();
  async function submit(event: FormEvent) {
    event.preventDefault();
    const result = await accept({
      variables: { input: { token, password, displayName: displayName.trim() || null } },
    }).catch(() => null);
    if (result?.data) await enter(result.data.acceptInvitation);
  }
  return (
    <form onSubmit={(event) => void submit(event)} noValidate>
      <Stack>
        {error && (
          <Alert color="red" title="Could not accept the invitation" role="alert">
            {errorMessage(error)}
          </Alert>
        )}
        <TextInput
          label="Your name"
          autoComplete="name"
          value={displayName}
          onChange={(event) => setDisplayName(event.currentTarget.value)}
        />
        <PasswordInput
          label="Choose a password"
          autoComplete="new-password"
          required
          value={password}
          onChange={(event) => setPassword(event.currentTarget.value)}
        />
        <Button type="submit" loading={loading} disabled={!password}>
          Create my account and join
        </Button>
      </Stack>
    </form>
  );
}

function JoinAsMember({ token }: { readonly token: string }) {
  const [accept, { loading, error }] = useMutation(AcceptAsMemberDocument);
  const enter = useEnterApp();
  const signedIn = sessionStore.get() !== null;
  async function join() {
    const result = await accept({ variables: { token } }).catch(() => null);
    if (result?.data) await enter(result.data.acceptInvitationAsMember);
  }
  if (!signedIn) {
    return (
      <Stack>
        <Text>Sign in with the email the invitation was sent to; you come back here after.</Text>
        <SignInLink redirect="/invitations/accept">Sign in to accept</SignInLink>
      </Stack>
    );
  }
  return (
    <Stack>
      {error && (
        <Alert color="red" title="Could not accept the invitation" role="alert">
          {errorMessage(error)}
        </Alert>
      )}
      <Button onClick={() => void join()} loading={loading}>
        Join with my account
      </Button>
    </Stack>
  );
}
