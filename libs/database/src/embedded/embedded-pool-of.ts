import type { DataSource } from 'typeorm';
import { PglitePool } from './pglite-pool.js';

/** The embedded pool behind a data source, or undefined on a PostgreSQL server. */
export function embeddedPoolOf(dataSource: DataSource): PglitePool | undefined {
  const pool = (dataSource.driver as unknown as { master?: unknown }).master;
  return pool instanceof PglitePool ? pool : undefined;
}
