import { Paper, SimpleGrid, Text } from '@mantine/core';

interface OverviewCardsProps {
  readonly vendors: number;
  readonly averageScore: number | null;
  readonly overdue: number;
  readonly inProgress: number;
}

const number = new Intl.NumberFormat(undefined, { maximumFractionDigits: 1 });

/** The four figures a risk manager looks at first. */
export function OverviewCards({ vendors, averageScore, overdue, inProgress }: OverviewCardsProps) {
  const cards = [
    { label: 'Vendors', value: number.format(vendors) },
    {
      label: 'Average latest score',
      value: averageScore === null ? 'No scores yet' : number.format(averageScore),
    },
    { label: 'Assessments in progress', value: number.format(inProgress) },
    { label: 'Overdue assessments', value: number.format(overdue) },
  ];
  return (
    <SimpleGrid cols={{ base: 2, md: 4 }}>
      {cards.map((card) => (
        <Paper key={card.label} withBorder p="md">
          <Text size="sm" c="dimmed">
            {card.label}
          </Text>
          <Text size="xl" fw={700}>
            {card.value}
          </Text>
        </Paper>
      ))}
    </SimpleGrid>
  );
}
