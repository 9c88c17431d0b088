import { useQuery } from '@apollo/client/react';
import { Alert, Skeleton, Text } from '@mantine/core';
import { lazy, Suspense, useMemo } from 'react';
import { errorMessage } from '../api/error-message';
import { graphql } from '../gql';
import type { FilterSearch } from '../routes/filter-search';
import { heatmapHeight, heatmapOption } from './heatmap-option';

const EChart = lazy(() => import('../charts/echart').then((m) => ({ default: m.EChart })));

const RiskHeatmapDocument = graphql(`
  query RiskHeatmap($filter: PortfolioFilter) {
    riskHeatmap(first: 1000, filter: $filter) {
      families {
        familyId
        title
      }
      edges {
        node {
          vendorId
          vendorName
          rating
          scores
        }
      }
      pageInfo {
        hasNextPage
      }
    }
    scoringSettings {
      bands {
        low
        moderate
        high
      }
    }
  }
`);

/**
 * Every vendor against every control family, in one picture. Asks only for what it draws: a
 * thousand rows of every field would pass the API's query budget.
 */
export function RiskHeatmap({ search }: { readonly search: FilterSearch }) {
  const { data, loading, error } = useQuery(RiskHeatmapDocument, {
    variables: { filter: { tier: search.tier ?? null, tag: search.tag ?? null } },
  });
  const rows = useMemo(() => data?.riskHeatmap.edges.map((edge) => edge.node) ?? [], [data]);
  const option = useMemo(
    () =>
      data &&
      heatmapOption({
        bands: data.scoringSettings.bands,
        families: data.riskHeatmap.families,
        rows,
      }),
    [data, rows],
  );

  if (error) {
    return (
      <Alert color="red" title="The heatmap could not be loaded" role="alert">
        {errorMessage(error)}
      </Alert>
    );
  }
  if (loading && !data) return <Skeleton height={320} aria-label="Loading the heatmap" />;
  if (!option || rows.length === 0) {
    return <Text c="dimmed">No scored vendor matches these filters yet.</Text>;
  }
  const height = heatmapHeight(rows.length);
  return (
    <Suspense fallback={<Skeleton height={height} />}>
      <EChart
        option={option}
        height={height}
        label={`Heatmap of ${rows.length} vendors across ${data!.riskHeatmap.families.length} control families; each cell shows the family score.`}
      />
      {data!.riskHeatmap.pageInfo.hasNextPage && (
        <Text size="sm" c="dimmed">
          Showing the first 1,000 vendors; narrow the filters to see the rest.
        </Text>
      )}
    </Suspense>
  );
}
