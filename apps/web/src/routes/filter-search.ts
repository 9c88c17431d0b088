/**
 * The tier and tag filters of the vendor list and the dashboards, kept in the URL so a view can
 * be shared and survives a reload.
 */
export interface FilterSearch {
  readonly tier?: 1 | 2 | 3 | 4;
  readonly tag?: string;
}

const TIERS = new Set([1, 2, 3, 4]);

/** Reads filters from the URL, dropping anything malformed instead of failing the page. */
export function filterSearch(search: Record<string, unknown>): FilterSearch {
  const tier = Number(search.tier);
  const tag = typeof search.tag === 'string' ? search.tag.trim().slice(0, 100) : '';
  return {
    ...(TIERS.has(tier) ? { tier: tier as FilterSearch['tier'] } : {}),
    ...(tag ? { tag } : {}),
  };
}
