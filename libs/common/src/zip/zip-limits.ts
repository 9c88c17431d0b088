/** Caps on what one uploaded ZIP may unpack to; checked before any parser sees its bytes. */
export interface ZipLimits {
  readonly maxEntries: number;
  readonly maxEntryBytes: number;
  readonly maxTotalBytes: number;
  /** Unpacked ÷ packed, checked on parts that unpack to more than RATIO_FLOOR_BYTES. */
  readonly maxRatio: number;
}

/** Small parts (a few rels, an empty sheet) legitimately pack very tightly; they cannot hurt. */
export const RATIO_FLOOR_BYTES = 1024 * 1024;

export function megabytes(bytes: number): string {
  return `${Math.round((bytes / (1024 * 1024)) * 10) / 10} MB`;
}
