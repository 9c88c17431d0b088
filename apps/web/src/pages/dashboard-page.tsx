import { useQuery } from '@apollo/client/react';
import { Alert, Paper, SimpleGrid, Skeleton, Stack, Table, Text, Title } from '@mantine/core';
import { getRouteApi, useNavigate } from '@tanstack/react-router';
import { errorMessage } from '../api/error-message';
import { FilterBar } from '../components/filter-bar';
import { OverviewCards } from '../dashboard/overview-cards';
import { RiskHeatmap } from '../dashboard/risk-heatmap';
import { graphql } from '../gql';

const PortfolioOverviewDocument = graphql(`
  query PortfolioOverview($filter: PortfolioFilter) {
    portfolioOverview(filter: $filter) {
      vendors
      averageScore
      overdue
      byResidualRisk {
        level
        vendors
      }
      assessmentsByState {
        state
        assessments
      }
      mostOverdue {
        assessmentId
        vendorName
        title
        dueOn
        daysOverdue
      }
    }
  }
`);

const RISK_ORDER = ['critical', 'high', 'moderate', 'low', null] as const;
const riskName = (level: string | null) => level ?? 'not yet assessed';

const route = getRouteApi('/_signed-in/dashboard');

export function DashboardPage() {
  const search = route.useSearch();
  const navigate = useNavigate({ from: '/dashboard' });
  const filter = { tier: search.tier ?? null, tag: search.tag ?? null };
  const { data, loading, error } = useQuery(PortfolioOverviewDocument, { variables: { filter } });
  const overview = data?.portfolioOverview;
  const inProgress =
    overview?.assessmentsByState.find((row) => row.state === 'in_progress')?.assessments ?? 0;
  const byRisk = [...(overview?.byResidualRisk ?? [])].sort(
    (a, b) =>
      RISK_ORDER.indexOf(a.level as (typeof RISK_ORDER)[number]) -
      RISK_ORDER.indexOf(b.level as (typeof RISK_ORDER)[number]),
  );

  return (
    <Stack>
      <Title order={1} size="h2">
        Portfolio
      </Title>
      <FilterBar search={search} onChange={(next) => void navigate({ search: next })} />
      {error && (
        <Alert color="red" title="The overview could not be loaded" role="alert">
          {errorMessage(error)}
        </Alert>
      )}
      {loading && !overview ? (
        <Skeleton height={84} aria-label="Loading the overview" />
      ) : (
        overview && (
          <OverviewCards
            vendors={overview.vendors}
            averageScore={overview.averageScore ?? null}
            overdue={overview.overdue}
            inProgress={inProgress}
          />
        )
      )}
      <Paper withBorder p="md">
        <Title order={2} size="h4" mb="sm">
          Family scores by vendor
        </Title>
        <RiskHeatmap search={search} />
      </Paper>
      {overview && (
        <SimpleGrid cols={{ base: 1, md: 2 }}>
          <Paper withBorder p="md">
            <Title order={2} size="h4" mb="sm">
              Vendors by residual risk
            </Title>
            <Table>
              <Table.Tbody>
                {byRisk.map((row) => (
                  <Table.Tr key={riskName(row.level)}>
                    <Table.Th scope="row">{riskName(row.level)}</Table.Th>
                    <Table.Td>{row.vendors}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Paper>
          <Paper withBorder p="md">
            <Title order={2} size="h4" mb="sm">
              Most overdue
            </Title>
            {overview.mostOverdue.length === 0 ? (
              <Text c="dimmed">Nothing is overdue.</Text>
            ) : (
              <Table>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th scope="col">Vendor</Table.Th>
                    <Table.Th scope="col">Due</Table.Th>
                    <Table.Th scope="col">Days late</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {overview.mostOverdue.map((row) => (
                    <Table.Tr key={row.assessmentId}>
                      <Table.Td>{row.vendorName}</Table.Td>
                      <Table.Td>{new Date(row.dueOn).toLocaleDateString()}</Table.Td>
                      <Table.Td>{row.daysOverdue}</Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            )}
          </Paper>
        </SimpleGrid>
      )}
    </Stack>
  );
}
