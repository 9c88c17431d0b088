import { Group, Select, TextInput } from '@mantine/core';
import type { FilterSearch } from '../routes/filter-search';
import { tierLabel } from './tiers';

interface FilterBarProps {
  readonly search: FilterSearch;
  readonly onChange: (next: FilterSearch) => void;
}

/** Tier and tag filters; the page keeps them in its URL. */
export function FilterBar({ search, onChange }: FilterBarProps) {
  return (
    <Group align="end">
      <Select
        label="Tier"
        placeholder="Any tier"
        clearable
        data={[1, 2, 3, 4].map((tier) => ({ value: String(tier), label: tierLabel(tier) }))}
        value={search.tier ? String(search.tier) : null}
        onChange={(value) =>
          onChange({ ...search, tier: value ? (Number(value) as FilterSearch['tier']) : undefined })
        }
      />
      <TextInput
        label="Tag"
        placeholder="Any tag"
        defaultValue={search.tag ?? ''}
        onKeyDown={(event) => {
          if (event.key === 'Enter') event.currentTarget.blur();
        }}
        onBlur={(event) => {
          const tag = event.currentTarget.value.trim();
          if (tag !== (search.tag ?? '')) onChange({ ...search, tag: tag || undefined });
        }}
      />
    </Group>
  );
}
