/** The vendor list's filters, kept in the URL so a view can be shared and survives a reload. */
export interface VendorSearch {
  readonly tier?: 1 | 2 | 3 | 4;
  readonly tag?: string;
}

const TIERS = new Set([1, 2, 3, 4]);

/** Reads filters from the URL, dropping anything malformed instead of failing the page. */
export function vendorSearch(search: Record<string, unknown>): VendorSearch {
  const tier = Number(search.tier);
  const tag = typeof search.tag === 'string' ? search.tag.trim().slice(0, 100) : '';
  return {
    ...(TIERS.has(tier) ? { tier: tier as VendorSearch['tier'] } : {}),
    ...(tag ? { tag } : {}),
  };
}
