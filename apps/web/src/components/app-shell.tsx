import { useApolloClient, useMutation, useQuery } from '@apollo/client/react';
import { AppShell, Burger, Button, Group, NavLink, Select, Text, Title } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { Link, Outlet, useNavigate, useRouterState } from '@tanstack/react-router';
import { graphql } from '../gql';
import { signOut } from '../session/browser-session';
import { sessionStore } from '../session/session-store';

const ViewerDocument = graphql(`
  query Viewer {
    me {
      userId
      displayName
      organizationId
      role
      organizations {
        organizationId
        organizationName
        role
      }
    }
  }
`);

const SwitchOrganizationDocument = graphql(`
  mutation SwitchOrganization($organizationId: ID!) {
    switchOrganization(organizationId: $organizationId) {
      ...SessionFields
    }
  }
`);

const NAVIGATION = [
  { to: '/dashboard', label: 'Portfolio' },
  { to: '/vendors', label: 'Vendors' },
] as const;

/** The frame of every signed-in page: who you are, where you act, and where you can go. */
export function AppShellLayout() {
  const [opened, { toggle }] = useDisclosure();
  const { data } = useQuery(ViewerDocument);
  const apollo = useApolloClient();
  const navigate = useNavigate();
  const pathname = useRouterState({ select: (state) => state.location.pathname });
  const [switchOrganization, switching] = useMutation(SwitchOrganizationDocument);
  const viewer = data?.me;

  async function chooseOrganization(organizationId: string | null) {
    if (!organizationId || organizationId === viewer?.organizationId) return;
    const result = await switchOrganization({ variables: { organizationId } });
    if (!result.data) return;
    sessionStore.accept(result.data.switchOrganization);
    // Nothing cached for one organization may show in another.
    await apollo.resetStore();
    await navigate({ to: '/' });
  }

  async function leave() {
    await signOut();
    await apollo.clearStore();
    await navigate({ to: '/sign-in', search: { redirect: '/' } });
  }

  return (
    <AppShell
      header={{ height: 56 }}
      navbar={{ width: 220, breakpoint: 'sm', collapsed: { mobile: !opened } }}
      padding="md"
    >
      <AppShell.Header>
        <Group h="100%" px="md" justify="space-between" wrap="nowrap">
          <Group wrap="nowrap">
            <Burger opened={opened} onClick={toggle} hiddenFrom="sm" size="sm" aria-label="Menu" />
            <Title order={2} size="h4">
              Cascade
            </Title>
          </Group>
          <Group wrap="nowrap">
            {viewer && viewer.organizations.length > 1 && (
              <Select
                aria-label="Organization"
                data={viewer.organizations.map((o) => ({
                  value: o.organizationId,
                  label: o.organizationName,
                }))}
                value={viewer.organizationId}
                onChange={(value) => void chooseOrganization(value)}
                disabled={switching.loading}
                allowDeselect={false}
                w={220}
              />
            )}
            {viewer && (
              <Text size="sm" visibleFrom="sm">
                {viewer.displayName}
              </Text>
            )}
            <Button variant="default" size="xs" onClick={() => void leave()}>
              Sign out
            </Button>
          </Group>
        </Group>
      </AppShell.Header>
      <AppShell.Navbar p="xs" component="nav" aria-label="Main">
        {NAVIGATION.map((item) => (
          <NavLink
            key={item.to}
            component={Link}
            to={item.to}
            label={item.label}
            active={pathname.startsWith(item.to)}
            variant="filled"
          />
        ))}
      </AppShell.Navbar>
      <AppShell.Main>
        <Outlet />
      </AppShell.Main>
    </AppShell>
  );
}
