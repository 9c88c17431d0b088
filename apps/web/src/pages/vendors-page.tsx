import { useQuery } from '@apollo/client/react';
import { Alert, Badge, Group, Skeleton, Stack, Table, Text, Title } from '@mantine/core';
import { getRouteApi, useNavigate } from '@tanstack/react-router';
import { errorMessage } from '../api/error-message';
import { FilterBar } from '../components/filter-bar';
import { tierLabel } from '../components/tiers';
import { graphql } from '../gql';

const VendorInventoryDocument = graphql(`
  query VendorInventory($first: Int!, $tier: Int, $tag: String) {
    vendorInventory(first: $first, tier: $tier, tag: $tag) {
      nodes {
        id
        name
        tier
        tags
        linkedAt
        updatedAt
      }
      hasNextPage
    }
  }
`);

const PAGE = 100;

const route = getRouteApi('/_signed-in/vendors');

export function VendorsPage() {
  const search = route.useSearch();
  const navigate = useNavigate({ from: '/vendors' });
  const { data, loading, error } = useQuery(VendorInventoryDocument, {
    variables: { first: PAGE, tier: search.tier ?? null, tag: search.tag ?? null },
  });
  const vendors = data?.vendorInventory.nodes ?? [];

  return (
    <Stack>
      <Title order={1} size="h2">
        Vendors
      </Title>
      <FilterBar search={search} onChange={(next) => void navigate({ search: next })} />
      {error && (
        <Alert color="red" title="Vendors could not be loaded" role="alert">
          {errorMessage(error)}
        </Alert>
      )}
      {loading && !data ? (
        <Stack aria-busy="true" aria-label="Loading vendors">
          {[0, 1, 2, 3].map((row) => (
            <Skeleton key={row} height={28} />
          ))}
        </Stack>
      ) : vendors.length === 0 && !error ? (
        <Text c="dimmed">
          {search.tier || search.tag ? 'No vendor matches these filters.' : 'No vendors yet.'}
        </Text>
      ) : (
        <Table striped highlightOnHover>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">Name</Table.Th>
              <Table.Th scope="col">Tier</Table.Th>
              <Table.Th scope="col">Tags</Table.Th>
              <Table.Th scope="col">On Cascade</Table.Th>
              <Table.Th scope="col">Updated</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {vendors.map((vendor) => (
              <Table.Tr key={vendor.id}>
                <Table.Td>{vendor.name}</Table.Td>
                <Table.Td>{tierLabel(vendor.tier)}</Table.Td>
                <Table.Td>
                  <Group gap={4}>
                    {vendor.tags.map((tag) => (
                      <Badge key={tag} variant="light">
                        {tag}
                      </Badge>
                    ))}
                  </Group>
                </Table.Td>
                <Table.Td>{vendor.linkedAt ? 'Linked' : 'Not linked'}</Table.Td>
                <Table.Td>{new Date(vendor.updatedAt).toLocaleDateString()}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      {data?.vendorInventory.hasNextPage && (
        <Text size="sm" c="dimmed">
          Showing the first {PAGE} vendors.
        </Text>
      )}
    </Stack>
  );
}
